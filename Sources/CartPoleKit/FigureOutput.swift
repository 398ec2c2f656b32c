import Foundation
import Render

/// How a command writes its figures: in which formats (PNG, SVG, PDF; one file each, NAME.EXT) and at which
/// size (each figure's own pixel size unless given; a size in inches at a dpi for a paper's column).
public struct FigureOutput: Sendable, Equatable {
    /// The files each figure is written as, without repeats.
    public let formats: [FigureFormat]
    /// The figures' size; nil for each figure's own.
    public let size: FigureSize?

    /// PNG at each figure's own size.
    public static let png = FigureOutput(formats: [.png], size: nil)

    /// Figures in `formats` (PNG when empty) at `size`.
    public init(formats: [FigureFormat], size: FigureSize?) {
        self.formats = Array(Set(formats.isEmpty ? [.png] : formats)).sorted()
        self.size = size
    }

    /// Reads and checks the command-line values: `formats` as `png,svg,pdf`, `size` as `WIDTHxHEIGHT` pixels
    /// or `WIDTHxHEIGHTin`, `dpi` for a size in inches; `sizeFlag` names the size option in errors.
    public init(formats: String, size: String?, dpi: Int?, sizeFlag: String = "--figure-size") throws {
        let names = formats.lowercased().split(separator: ",", omittingEmptySubsequences: false)
        let parsed = names.compactMap { FigureFormat(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
        guard !names.isEmpty, parsed.count == names.count else {
            throw FigureOutputError(
                "--figure-format must be png, svg or pdf, or several with commas (got '\(formats)')")
        }
        if let dpi, !Self.dpis.contains(dpi) {
            throw FigureOutputError(
                "--dpi \(dpi) is out of range: \(Self.dpis.lowerBound) to \(Self.dpis.upperBound)")
        }
        var figureSize: FigureSize?
        if let size {
            guard let read = FigureSize(size, dpi: dpi ?? FigureSize.defaultDPI) else {
                throw FigureOutputError(
                    "\(sizeFlag) must look like 2000x500 (pixels) or 3.3x2.2in (inches) (got '\(size)')")
            }
            switch read {
            case .pixels(let width, let height):
                guard Self.pixelWidths.contains(width), Self.pixelHeights.contains(height) else {
                    throw FigureOutputError(
                        "\(sizeFlag) \(size) is out of range: width \(Self.pixelWidths.lowerBound) to "
                            + "\(Self.pixelWidths.upperBound), height \(Self.pixelHeights.lowerBound) to "
                            + "\(Self.pixelHeights.upperBound)")
                }
            case .inches(let width, let height, let dpi):
                let pixels = read.pixelSize
                guard Self.inches.contains(width), Self.inches.contains(height),
                    pixels.width <= Self.pixelWidths.upperBound, pixels.height <= Self.pixelHeights.upperBound
                else {
                    throw FigureOutputError(
                        "\(sizeFlag) \(size) is out of range: \(Int(Self.inches.lowerBound)) to "
                            + "\(Int(Self.inches.upperBound)) inches a side, at most \(Self.pixelWidths.upperBound) "
                            + "pixels a side at \(dpi) dpi")
                }
            }
            figureSize = read
        } else if dpi != nil {
            throw FigureOutputError("--dpi applies to a size in inches; give one with \(sizeFlag) (e.g. 3.3x2.2in)")
        }
        self.init(formats: parsed, size: figureSize)
    }

    static let pixelWidths = 300...10000
    static let pixelHeights = 150...10000
    static let inches = 1.0...40.0
    static let dpis = 50...1200

    /// The same output with PNG among its formats (for figures a report shows).
    public var withPNG: FigureOutput { FigureOutput(formats: formats + [.png], size: size) }

    /// Every file a figure named `name` may be written as: the names a folder's outputs declare.
    package static func names(_ name: String) -> [String] {
        FigureFormat.allCases.map { "\(name).\($0.fileExtension)" }
    }

    /// Writes `figure` as NAME.EXT in `folder` for each format, at this output's size or else `defaultSize`;
    /// returns the files written.
    @discardableResult
    package func write(_ figure: PlotFigure, named name: String, defaultSize: FigureSize, into folder: URL) throws
        -> [URL]
    {
        try formats.map { format in
            let url = folder.appendingPathComponent("\(name).\(format.fileExtension)")
            try figure.write(format, size: size ?? defaultSize, to: url)
            return url
        }
    }

    /// The manifest's record of these choices.
    public var settings: [String: String] {
        var settings = ["figure-format": formats.map(\.rawValue).joined(separator: ",")]
        if let size {
            settings["figure-size"] = size.description
            if case .inches(_, _, let dpi) = size { settings["dpi"] = "\(dpi)" }
        }
        return settings
    }
}

/// A figure format, size or dpi the tool cannot draw, in words that name the option.
public struct FigureOutputError: Error, CustomStringConvertible {
    /// What is wrong, naming the option.
    public let description: String
    init(_ description: String) { self.description = description }
}
