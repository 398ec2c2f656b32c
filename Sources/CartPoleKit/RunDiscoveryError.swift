import Agent
import Foundation
import OutputFiles

/// A folder given as a variant's runs that holds none.
public struct RunDiscoveryError: Error, CustomStringConvertible {
    public let folder: String
    public let problem: String
    public var description: String { "\(folder) \(problem)" }
}
