import Foundation

/// How big a figure is: in pixels (text and margins scale with the panels, as on screen), or in inches at
/// a resolution (a paper's column is about 3.3 inches wide), where text is never smaller than
/// `minimumTextPoints`, so that it stays readable when printed at that size.
public enum FigureSize: Sendable, Equatable, CustomStringConvertible {
    case pixels(width: Int, height: Int)
    case inches(width: Double, height: Double, dpi: Int)

    /// The smallest text at a size in inches, in points (1/72 inch): journals ask for 6 to 8.
    public static let minimumTextPoints = 8.0
    /// The resolution a size in inches is drawn at in a PNG unless one is given.
    public static let defaultDPI = 300

    /// Reads `WIDTHxHEIGHT` (pixels) or `WIDTHxHEIGHTin` (inches, at `dpi`); nil when it is neither.
    public init?(_ text: String, dpi: Int = FigureSize.defaultDPI) {
        let lowered = text.lowercased()
        let inches = lowered.hasSuffix("in")
        let parts = lowered.dropLast(inches ? 2 : 0).split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        if inches {
            guard let width = Double(parts[0]), let height = Double(parts[1]), width.isFinite, height.isFinite
            else { return nil }
            self = .inches(width: width, height: height, dpi: dpi)
        } else {
            guard let width = Int(parts[0]), let height = Int(parts[1]) else { return nil }
            self = .pixels(width: width, height: height)
        }
    }

    /// The smallest text at this size, in points: `minimumTextPoints` at a size in inches; nil in pixels,
    /// where text scales with the panels.
    public var smallestText: Double? {
        if case .inches = self { Self.minimumTextPoints } else { nil }
    }

    /// The size of a PNG of the figure, in pixels.
    public var pixelSize: (width: Int, height: Int) {
        switch self {
        case .pixels(let width, let height): (width, height)
        case .inches(let width, let height, let dpi):
            (Int((width * Double(dpi)).rounded()), Int((height * Double(dpi)).rounded()))
        }
    }

    /// The size a vector file of the figure has, in points: a size in pixels is taken as points, as
    /// matplotlib does at 72 dpi.
    public var pointSize: (width: Double, height: Double) {
        switch self {
        case .pixels(let width, let height): (Double(width), Double(height))
        case .inches(let width, let height, _): (width * 72, height * 72)
        }
    }

    /// As written on the command line: `2000x500`, or `3.3x2.2in` (with its dpi for a PNG).
    public var description: String {
        switch self {
        case .pixels(let width, let height): "\(width)x\(height)"
        case .inches(let width, let height, _): "\(String(format: "%g", width))x\(String(format: "%g", height))in"
        }
    }
}
