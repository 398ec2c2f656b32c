import CCairo
import Foundation

/// The lower and upper bounds of a band, one of each per value of its series.
package struct PlotBand: Sendable {
    package var lower: [Double]
    package var upper: [Double]
    package init(lower: [Double], upper: [Double]) {
        self.lower = lower
        self.upper = upper
    }
}
