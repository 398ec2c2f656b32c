import ArgumentParser
import CartPoleKit

/// A `--size WIDTHxHEIGHT` value, checked against the ranges an output allows.
struct SizeOption {
    let width: Int
    let height: Int

    init(_ text: String, example: String, widths: ClosedRange<Int>, heights: ClosedRange<Int>, even: Bool) throws {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]) else {
            throw ValidationError("--size must look like \(example) (got '\(text)')")
        }
        guard widths.contains(width), heights.contains(height) else {
            throw ValidationError(
                "--size \(text) is out of range: width \(widths.lowerBound) to \(widths.upperBound), "
                    + "height \(heights.lowerBound) to \(heights.upperBound)")
        }
        guard !even || (width % 2 == 0 && height % 2 == 0) else {
            throw ValidationError("--size \(text) must have an even width and height (yuv420p video)")
        }
        self.width = width
        self.height = height
    }
}
