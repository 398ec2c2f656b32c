import CCairo
import Foundation
import Testing

@testable import Render

/// Text drawn at a size in inches never shrinks below the floor; what does not fit then ends in "…".
@Suite struct TextFloorTests {
    @Test func fittedTextStopsAtTheFloorAndIsShortened() throws {
        let canvas = try Canvas(width: 10, height: 10)
        let cr = canvas.context
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        let text = "the fraction of runs whose final evaluation exceeds tau"
        // Without a floor: half the size at most, the whole text.
        #expect(setFontSize(cr, 12, fitting: text, in: 1000) == text)
        #expect(fontSize(cr) == 12)
        let unfloored = setFontSize(cr, 12, fitting: text, in: 250)
        #expect(fontSize(cr) >= 6 && fontSize(cr) < 12)
        #expect(unfloored == text || unfloored.hasSuffix("…"))
        setTextFloor(cr, 8)
        #expect(textFloor(cr) == 8)
        let shown = setFontSize(cr, 12, fitting: text, in: 100)
        #expect(fontSize(cr) == 8, "never below the floor")
        #expect(shown.hasSuffix("…") && shown.count < text.count)
        #expect(textWidth(cr, shown) <= 100, "what is shown fits")
    }

    /// At a size in inches every panel's text unit gives tick labels (12 units) of at least 8 pt, however
    /// small the panels; in pixels the unit follows the panels.
    @Test func aFigureInInchesKeepsItsTextReadable() throws {
        let panel = PlotPanel(title: "t", xLabel: "x", series: [PlotSeries("s", [1, 2, 3], colour: .blue)])
        let figure = PlotFigure(panels: Array(repeating: panel, count: 4))
        let pdf = try figure.encoded(.pdf, size: .inches(width: 3.3, height: 3, dpi: 300))
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        let areas = try figure.dataAreas(.inches(width: 3.3, height: 3, dpi: 300))
        #expect(areas.allSatisfy { $0 != nil })
        let columns = Set(areas.compactMap { $0?.x })
        #expect(columns.count == 2, "four panels at a column's width: two rows of two")
    }
}
