import Agent
import Foundation

/// Why a file is not usable in the format it should have (safetensors, zip, pickle), in words for the user.
package struct FileFormatError: Error, CustomStringConvertible, Equatable {
    package let reason: String
    package init(_ reason: String) { self.reason = reason }
    package var description: String { reason }
}
