import Agent
import Foundation
import OutputFiles

/// A folder given as a variant's runs that holds none.
package struct RunDiscoveryError: Error, CustomStringConvertible {
    package let folder: String
    package let problem: String
    package var description: String { "\(folder) \(problem)" }
}
