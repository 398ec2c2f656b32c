/// The file formats a figure is written in: a raster image, or vectors (Cairo's SVG and PDF surfaces) that
/// stay sharp at any size in a paper.
public enum FigureFormat: String, CaseIterable, Sendable, Comparable {
    case png, svg, pdf

    /// The file name extension, which is also the format's name on the command line.
    public var fileExtension: String { rawValue }

    /// PNG before SVG before PDF, the order files are listed in.
    public static func < (lhs: FigureFormat, rhs: FigureFormat) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
