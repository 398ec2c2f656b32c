import CCairo
import Foundation

/// The lower and upper bounds of a band, one of each per value of its series.
public struct PlotBand: Sendable {
    public var lower: [Double]
    public var upper: [Double]
    public init(lower: [Double], upper: [Double]) {
        self.lower = lower
        self.upper = upper
    }
}
