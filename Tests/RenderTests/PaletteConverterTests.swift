import Testing

@testable import Render

@Suite struct PaletteConverterTests {
    /// CartPole's and the HUD's colours come out of the GIF exactly; others go to a near palette colour.
    @Test func theScenesColoursAreInThePaletteExactly() {
        let palette = PaletteConverter.colours
        #expect(palette.count == 256)
        for colour in [
            (255, 255, 255), (0, 0, 0), (202, 152, 101), (129, 132, 203), (38, 38, 38), (51, 102, 191), (153, 179, 224),
        ] {
            let (r, g, b) = (UInt8(colour.0), UInt8(colour.1), UInt8(colour.2))
            let index = Int(PaletteConverter.index(red: r, green: g, blue: b))
            #expect(palette[index] == (r, g, b), "\(colour) maps to \(palette[index])")
        }
        for colour in [(100, 200, 50), (17, 99, 230), (250, 10, 120)] {
            let chosen = palette[
                Int(PaletteConverter.index(red: UInt8(colour.0), green: UInt8(colour.1), blue: UInt8(colour.2)))]
            let distance = abs(Int(chosen.0) - colour.0) + abs(Int(chosen.1) - colour.1) + abs(Int(chosen.2) - colour.2)
            #expect(distance <= 3 * 30, "\(colour) maps to \(chosen)")
        }
    }
}
