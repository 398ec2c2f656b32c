/// The page every report is: self-contained HTML (no scripts, no network) with one style sheet, in which
/// figures fit the page's width (each a link to itself at full size, with a caption) and videos sit side
/// by side.
enum ReportPage {
    /// A link to `path` inside the report's folder showing `text`, or the text alone when `path` is not a
    /// relative path inside it (`TextCell.href`): a report links nothing else.
    static func link(_ path: String, _ text: String) -> String {
        guard let href = TextCell.href(path) else { return TextCell.html(text) }
        return "<a href=\"\(TextCell.html(href))\">\(TextCell.html(text))</a>"
    }

    /// A figure: the image `file` at most the page's width, a link to it at full size, and what it shows.
    static func figure(_ file: String, alt: String, caption: String) -> String {
        let source = TextCell.html(TextCell.href(file) ?? "")
        return """
            <figure><a href="\(source)"><img src="\(source)" alt="\(TextCell.html(alt))"></a>
            <figcaption>\(TextCell.html(caption)) Click for full size.</figcaption></figure>
            """
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
        img { max-width: 100%; height: auto; }
        figure { margin: 1em 0 1.5em 0; }
        figcaption { color: #555; font-size: 0.9em; max-width: 60em; }
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
