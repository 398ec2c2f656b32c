import CCairo
import Testing

@testable import Render

@Suite struct PaletteConverterTests {
    /// The videos' flat colours come out of the GIF exactly; others go to a near palette colour.
    @Test func theScenesColoursAreInThePaletteExactly() {
        let palette = PaletteConverter.colours
        #expect(palette.count == 256)
        for colour in SceneColour.all {
            let (r, g, b) = (colour.red, colour.green, colour.blue)
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

    /// Each flat colour is drawn as its own 8-bit value, so the palette's copy is the drawn colour.
    @Test func eachSceneColourIsDrawnExactly() throws {
        for colour in SceneColour.all {
            let canvas = try Canvas(width: 2, height: 2)
            colour.set(on: canvas.context)
            cairo_paint(canvas.context)
            cairo_surface_flush(canvas.surface)
            let pixel = canvas.rgb(x: 0, y: 0)
            #expect(pixel == (colour.red, colour.green, colour.blue), "\(colour) is drawn as \(pixel)")
        }
    }
}
