/// The page every report is: self-contained HTML (no scripts, no network) with one style sheet, in which
/// figures keep their own size (their text stays readable; a wide one scrolls) and videos sit side by side.
enum ReportPage {
    /// A link to `path` inside the report's folder showing `text`, or the text alone when `path` is not a
    /// relative path inside it (`TextCell.href`): a report links nothing else.
    static func link(_ path: String, _ text: String) -> String {
        guard let href = TextCell.href(path) else { return TextCell.html(text) }
        return "<a href=\"\(TextCell.html(href))\">\(TextCell.html(text))</a>"
    }

    static func html(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(TextCell.html(title))</title>
        <style>
        body { font-family: "DejaVu Sans", sans-serif; margin: 2em; color: #222; }
        table { border-collapse: collapse; margin-bottom: 1.5em; }
        th, td { text-align: left; padding: 0.25em 1em 0.25em 0; border-bottom: 1px solid #ddd; }
        img { max-width: 100%; }
        .figure { overflow-x: auto; }
        .figure img { max-width: none; }
        .videos { display: flex; flex-wrap: wrap; gap: 1em; }
        video { width: 600px; max-width: 100%; }
        video.wide { width: 900px; }
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }
}
