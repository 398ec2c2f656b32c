import OutputFiles

extension Colour {
    /// Okabe and Ito's palette for readers who cannot tell red from green, without its black (the
    /// text's and the medians') and yellow (too faint on white), then a mid grey and a dark purple apart
    /// from all of them by lightness, so that eight variants (the rainbow series) have eight colours.
    /// The first four are far apart; sky blue and vermillion come after, near blue and orange.
    package static let okabeIto = [
        Colour(0 / 255, 114 / 255, 178 / 255), Colour(230 / 255, 159 / 255, 0 / 255),
        Colour(0 / 255, 158 / 255, 115 / 255), Colour(204 / 255, 121 / 255, 167 / 255),
        Colour(86 / 255, 180 / 255, 233 / 255), Colour(213 / 255, 94 / 255, 0 / 255),
        Colour(120 / 255, 120 / 255, 120 / 255), Colour(80 / 255, 30 / 255, 110 / 255),
    ]

    /// One colour of `okabeIto` per name, chosen by the name itself (FNV-1a of its UTF-8), so that a variant
    /// keeps its colour from one figure to the next (among the first four while there are at most four
    /// names); a name whose colour an earlier one took gets the next free one, and more names than colours
    /// reuse them.
    package static func keyed(_ names: [String]) -> [Colour] {
        let count = names.count <= 4 ? 4 : okabeIto.count
        var taken = Set<Int>()
        return names.map { name in
            var index = Int(FNV1a.hash(name.utf8.lazy.map(UInt64.init)) % UInt64(count))
            if taken.count < count {
                while taken.contains(index) { index = (index + 1) % count }
            }
            taken.insert(index)
            return okabeIto[index]
        }
    }
}
