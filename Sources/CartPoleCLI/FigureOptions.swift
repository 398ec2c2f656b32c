import ArgumentParser
import CartPoleKit

/// `--figure-format` and `--dpi`: the files a command writes its figures as.
struct FigureFormatOptions: ParsableArguments {
    @Option(help: "Figure file formats: png, svg or pdf, or several with commas (png,pdf).")
    var figureFormat = "png"
    @Option(help: "Resolution of a PNG at a size in inches (default 300).")
    var dpi: Int?

    /// The checked choices, with the size given by the option `sizeFlag`.
    func output(size: String?, sizeFlag: String) throws -> FigureOutput {
        do { return try FigureOutput(formats: figureFormat, size: size, dpi: dpi, sizeFlag: sizeFlag) } catch let
            error as FigureOutputError
        { throw ValidationError(error.description) }
    }
}

/// `--figure-format`, `--figure-size` and `--dpi`: how a command writes its figures.
struct FigureOptions: ParsableArguments {
    @OptionGroup var formats: FigureFormatOptions
    @Option(
        help:
            "Figure size as WIDTHxHEIGHT pixels, or WIDTHxHEIGHTin inches for a paper (3.3x2.2in is a column; text is then at least 8 pt); by default each figure's own."
    )
    var figureSize: String?

    /// The checked choices.
    var output: FigureOutput { get throws { try formats.output(size: figureSize, sizeFlag: "--figure-size") } }

    /// Whether any of the options was given (a command that writes no figure then refuses them).
    var given: Bool { formats.figureFormat != "png" || figureSize != nil || formats.dpi != nil }

    func validate() throws { _ = try output }
}
