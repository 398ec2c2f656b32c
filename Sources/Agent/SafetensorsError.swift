import Foundation

/// Why a file is not usable safetensors, in words for the user.
public struct SafetensorsError: Error, CustomStringConvertible, Equatable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
