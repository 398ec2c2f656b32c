import Agent

/// The element types of stored tensors whose values can be read as `Float`, little-endian as PyTorch and
/// safetensors write them; named as safetensors names them.
package enum TensorDType: String, Sendable, CaseIterable {
    case f32 = "F32"
    case f16 = "F16"
    case bf16 = "BF16"
    case f64 = "F64"

    package var size: Int {
        switch self {
        case .f16, .bf16: 2
        case .f32: 4
        case .f64: 8
        }
    }

    /// The type of a PyTorch storage class (`FloatStorage`, ...), if its values are floats.
    init?(torchStorage: String) {
        switch torchStorage {
        case "FloatStorage": self = .f32
        case "HalfStorage": self = .f16
        case "BFloat16Storage": self = .bf16
        case "DoubleStorage": self = .f64
        default: return nil
        }
    }

    /// The readable types, for a message.
    static var listed: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The `count` elements stored from `start` in `bytes`, which must hold them, as floats.
    func values(in bytes: [UInt8], from start: Int, count: Int) -> [Float] {
        precondition(start >= 0 && count >= 0 && bytes.count - start >= count * size, "the elements must be there")
        return bytes.withUnsafeBytes { raw in
            func load<T: FixedWidthInteger>(_ index: Int, _: T.Type) -> T {
                T(littleEndian: raw.loadUnaligned(fromByteOffset: start + index * size, as: T.self))
            }
            return (0..<count).map { index in
                switch self {
                case .f32: Float(bitPattern: load(index, UInt32.self))
                case .f64: Float(Double(bitPattern: load(index, UInt64.self)))
                case .bf16: Float(bitPattern: UInt32(load(index, UInt16.self)) << 16)
                case .f16: Self.floatFromHalf(load(index, UInt16.self))
                }
            }
        }
    }

    /// IEEE half precision from its bits, without relying on the platform's `Float16` (absent on some targets).
    private static func floatFromHalf(_ bits: UInt16) -> Float {
        let sign: Float = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int(bits >> 10 & 0x1f)
        let fraction = Float(bits & 0x3ff)
        switch exponent {
        case 0: return sign * fraction * 0x1p-24
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Float(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }
}
