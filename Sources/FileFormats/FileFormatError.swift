import Agent
import Foundation

/// Why a file is not usable in the format it should have (safetensors, zip, pickle), in words for the user.
public struct FileFormatError: Error, CustomStringConvertible, Equatable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
