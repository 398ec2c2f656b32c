/// The first element's address of a buffer that cannot be empty (an array of at least one element, a
/// pointer from C that is never null), where a nil address would be a fault of the program, not of input.
extension UnsafeBufferPointer {
    @inlinable package var start: UnsafePointer<Element> {
        guard let baseAddress else { preconditionFailure("an empty buffer has no first element") }
        return baseAddress
    }
}

extension UnsafeMutableBufferPointer {
    @inlinable package var start: UnsafeMutablePointer<Element> {
        guard let baseAddress else { preconditionFailure("an empty buffer has no first element") }
        return baseAddress
    }
}

extension UnsafeRawBufferPointer {
    @inlinable package var start: UnsafeRawPointer {
        guard let baseAddress else { preconditionFailure("an empty buffer has no first byte") }
        return baseAddress
    }
}

extension UnsafeMutableRawBufferPointer {
    @inlinable package var start: UnsafeMutableRawPointer {
        guard let baseAddress else { preconditionFailure("an empty buffer has no first byte") }
        return baseAddress
    }
}
