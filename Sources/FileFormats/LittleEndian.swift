import Agent

extension FixedWidthInteger {
    /// The integer whose little-endian bytes are `bytes` (as many as the type has; fewer fill the low ones).
    init(littleEndian bytes: some Collection<UInt8>) {
        self = bytes.prefix(MemoryLayout<Self>.size).enumerated().reduce(Self.zero) {
            $0 | Self(truncatingIfNeeded: $1.element) << (8 * $1.offset)
        }
    }
}
