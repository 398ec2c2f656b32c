import Agent
import Foundation
import OutputFiles

/// The pickle of a PyTorch file (`data.pkl`), read by an allow-list as `torch.load(weights_only=True)` reads
/// it: only the opcodes of pickle protocols 2 to 5 that containers and numbers need, and only the globals a
/// state dict names (an ordered dict, the tensor and parameter rebuilders, the storage types). Nothing is
/// ever called: each allowed global is interpreted here. Anything else is refused with its name.
struct StateDictPickle {
    /// A tensor as `torch._utils._rebuild_tensor_v2` describes it: a view of a storage.
    struct TensorView: Sendable {
        var storage: Storage
        var offset: Int
        var shape: [Int]
        var stride: [Int]
    }

    /// A persistent storage of the file (`ARCHIVE/data/KEY`), of `count` elements of `type` (`FloatStorage`...).
    struct Storage: Sendable {
        var type: String
        var key: String
        var count: Int
    }

    /// Tuples keep how deep they nest (a tuple's depth is one more than its deepest item's): freeing a
    /// nesting of millions would overflow the stack, so none nests deeper than `deepest`. Dicts and lists
    /// are indices into the machine's one array of containers, so none holds another and freeing them
    /// never recurses, however they were put into each other.
    static let deepest = 64

    /// The most values the machine makes (pushes and memo entries): a state dict makes about twenty per
    /// tensor, so this is far more than any holds, and it bounds the memory and time a pickle can take.
    static let mostValues = 1 << 20

    /// A dict's entries or a list's items.
    enum Container {
        case dictionary([(key: Value, value: Value)])
        case list([Value])
    }

    enum Value {
        case none
        case bool(Bool)
        case int(Int)
        case float(Double)
        case string(String)
        case bytes([UInt8])
        case tuple([Value], depth: Int)
        /// The container at this index of `containers`.
        case list(Int)
        case dictionary(Int)
        case global(String)
        case storage(Storage)
        case tensor(TensorView)
        case mark

        /// A tuple of `items`, refused when it would nest too deep.
        static func tuple(_ items: [Value]) throws(FileFormatError) -> Value {
            var depth = 1
            for case .tuple(_, let inner) in items { depth = max(depth, inner + 1) }
            guard depth <= StateDictPickle.deepest else {
                throw FileFormatError(
                    "its pickle nests tuples deeper than \(StateDictPickle.deepest) levels, as no state dict does")
            }
            return .tuple(items, depth: depth)
        }
    }

    /// The globals a state dict names.
    static let storageTypes = [
        "FloatStorage", "DoubleStorage", "HalfStorage", "BFloat16Storage", "LongStorage", "IntStorage",
        "ShortStorage", "CharStorage", "ByteStorage", "BoolStorage",
    ]
    static let allowedGlobals = Set(
        ["collections.OrderedDict", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_parameter"]
            + storageTypes.map { "torch." + $0 })

    /// The unpickled object.
    let root: Value
    /// The dicts and lists it made, which `Value.list` and `Value.dictionary` index.
    let containers: [Container]

    init(_ bytes: [UInt8]) throws(FileFormatError) {
        var reader = Reader(bytes: bytes)
        root = try reader.run()
        containers = reader.containers
    }

    // MARK: - The machine

    private struct Reader {
        let bytes: [UInt8]
        var position = 0
        var stack: [Value] = []
        var memo: [Int: Value] = [:]
        var containers: [Container] = []
        /// Values made so far, against `mostValues`.
        var made = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func take(_ count: Int) throws(FileFormatError) -> ArraySlice<UInt8> {
            guard count >= 0, bytes.count - position >= count else {
                throw FileFormatError("its pickle ends in the middle of an instruction; it is truncated")
            }
            defer { position += count }
            return bytes[position..<(position + count)]
        }

        mutating func integer<T: FixedWidthInteger>(_: T.Type) throws(FileFormatError) -> T {
            T(littleEndian: try take(MemoryLayout<T>.size))
        }

        /// Counts a value made against `mostValues`.
        mutating func count() throws(FileFormatError) {
            made += 1
            guard made <= StateDictPickle.mostValues else {
                throw FileFormatError(
                    "its pickle makes more than \(StateDictPickle.mostValues) values, far more than any state dict")
            }
        }

        mutating func push(_ value: Value) throws(FileFormatError) {
            try count()
            stack.append(value)
        }

        mutating func remember(_ index: Int) throws(FileFormatError) {
            try count()
            memo[index] = stack.last
        }

        mutating func make(_ container: Container) -> Value {
            containers.append(container)
            if case .list = container { return .list(containers.count - 1) }
            return .dictionary(containers.count - 1)
        }

        mutating func pop() throws(FileFormatError) -> Value {
            guard let value = stack.popLast() else { throw FileFormatError("its pickle pops an empty stack") }
            return value
        }

        /// The values above the topmost mark, which is removed.
        mutating func popToMark() throws(FileFormatError) -> [Value] {
            guard let mark = stack.lastIndex(where: { if case .mark = $0 { true } else { false } }) else {
                throw FileFormatError("its pickle has no mark where it needs one")
            }
            defer { stack.removeSubrange(mark...) }
            return Array(stack[(mark + 1)...])
        }

        mutating func text(_ count: Int) throws(FileFormatError) -> String {
            String(decoding: try take(count), as: UTF8.self)
        }

        mutating func line() throws(FileFormatError) -> String {
            guard let end = bytes[position...].firstIndex(of: 0x0A) else {
                throw FileFormatError("its pickle ends in the middle of a global's name; it is truncated")
            }
            let name = try text(end - position)
            position += 1
            return name
        }

        func global(_ module: String, _ name: String) throws(FileFormatError) -> Value {
            let global = "\(module).\(name)"
            guard StateDictPickle.allowedGlobals.contains(global) else {
                throw FileFormatError(
                    "its pickle names '\(MessageText.shown(global))', which a state dict of tensors never needs; "
                        + "refused unread (nothing in it was run)")
            }
            return .global(global)
        }

        mutating func run() throws(FileFormatError) -> Value {
            while true {
                let opcode = try take(1).first ?? 0  // one byte: take refuses fewer
                switch opcode {
                case 0x80: _ = try take(1)  // PROTO
                case 0x95: _ = try take(8)  // FRAME
                case 0x2E: return try pop()  // STOP
                case 0x28: try push(.mark)
                case 0x4E: try push(.none)
                case 0x88: try push(.bool(true))
                case 0x89: try push(.bool(false))
                case 0x7D: try push(make(.dictionary([])))  // EMPTY_DICT
                case 0x5D: try push(make(.list([])))  // EMPTY_LIST
                case 0x29: try push(.tuple([], depth: 1))  // EMPTY_TUPLE
                case 0x4B: try push(.int(Int(try integer(UInt8.self))))  // BININT1
                case 0x4D: try push(.int(Int(try integer(UInt16.self))))  // BININT2
                case 0x4A: try push(.int(Int(try integer(Int32.self))))  // BININT
                case 0x8A:  // LONG1
                    let count = Int(try integer(UInt8.self))
                    let digits = try take(count)
                    guard count <= 8 else { throw FileFormatError("its pickle holds an integer wider than 64 bits") }
                    var value = Int64(littleEndian: digits)
                    if count > 0 && count < 8, let last = digits.last, last & 0x80 != 0 {
                        value -= Int64(1) << (8 * count)
                    }
                    try push(.int(Int(value)))
                case 0x47:  // BINFLOAT, big-endian
                    try push(.float(Double(bitPattern: UInt64(littleEndian: try take(8).reversed()))))
                case 0x58: try push(.string(try text(Int(try integer(UInt32.self)))))  // BINUNICODE
                case 0x8C: try push(.string(try text(Int(try integer(UInt8.self)))))  // SHORT_BINUNICODE
                case 0x43: try push(.bytes(Array(try take(Int(try integer(UInt8.self))))))  // SHORT_BINBYTES
                case 0x42: try push(.bytes(Array(try take(Int(try integer(UInt32.self))))))  // BINBYTES
                case 0x71: try remember(Int(try integer(UInt8.self)))  // BINPUT
                case 0x72: try remember(Int(try integer(UInt32.self)))  // LONG_BINPUT
                case 0x94: try remember(memo.count)  // MEMOIZE
                case 0x68, 0x6A:  // BINGET, LONG_BINGET
                    let index = opcode == 0x68 ? Int(try integer(UInt8.self)) : Int(try integer(UInt32.self))
                    guard let value = memo[index] else { throw FileFormatError("its pickle reads a memo it never set") }
                    try push(value)
                case 0x74: try push(try .tuple(try popToMark()))  // TUPLE
                case 0x85, 0x86, 0x87:  // TUPLE1, TUPLE2, TUPLE3
                    let count = Int(opcode - 0x84)
                    guard stack.count >= count else { throw FileFormatError("its pickle pops an empty stack") }
                    let items = Array(stack.suffix(count))
                    stack.removeLast(count)
                    try push(try .tuple(items))
                case 0x63: try push(try global(try line(), try line()))  // GLOBAL
                case 0x93:  // STACK_GLOBAL
                    let name = try pop()
                    let module = try pop()
                    guard case .string(let m) = module, case .string(let n) = name else {
                        throw FileFormatError("its pickle names a global by something other than text")
                    }
                    try push(try global(m, n))
                case 0x51: try push(try persistent(try pop()))  // BINPERSID
                case 0x52:  // REDUCE
                    let arguments = try pop()
                    try push(try call(try pop(), arguments))
                case 0x62:  // BUILD: only a state dict's `_metadata`, which is not needed
                    let state = try pop()
                    guard case .dictionary = state, case .dictionary? = stack.last else {
                        throw FileFormatError("its pickle sets the state of an object other than a dict")
                    }
                case 0x73:  // SETITEM
                    let value = try pop()
                    let key = try pop()
                    try setItems([key, value])
                case 0x75:  // SETITEMS
                    let items = try popToMark()
                    guard items.count % 2 == 0 else { throw FileFormatError("its pickle sets a key without a value") }
                    try setItems(items)
                case 0x61: try append([try pop()])  // APPEND
                case 0x65: try append(try popToMark())  // APPENDS
                default:
                    throw FileFormatError(
                        "its pickle uses opcode 0x\(String(opcode, radix: 16)), which a state dict of tensors never needs; "
                            + "refused unread (nothing in it was run)")
                }
            }
        }

        /// Adds key-value pairs (`items`, alternating) to the dict on top of the stack.
        mutating func setItems(_ items: [Value]) throws(FileFormatError) {
            guard case .dictionary(let index)? = stack.last, case .dictionary(var entries) = containers[index] else {
                throw FileFormatError("its pickle sets items of a non-dict")
            }
            containers[index] = .list([])  // so that `entries` is the one reference, appended in place
            for i in stride(from: 0, to: items.count, by: 2) { entries.append((items[i], items[i + 1])) }
            containers[index] = .dictionary(entries)
        }

        /// Adds `items` to the list on top of the stack.
        mutating func append(_ items: [Value]) throws(FileFormatError) {
            guard case .list(let index)? = stack.last, case .list(var list) = containers[index] else {
                throw FileFormatError("its pickle appends to a non-list")
            }
            containers[index] = .list([])
            list.append(contentsOf: items)
            containers[index] = .list(list)
        }

        /// A storage named by a persistent id: ('storage', type, key, location, count).
        func persistent(_ id: Value) throws(FileFormatError) -> Value {
            guard case .tuple(let fields, _) = id, fields.count == 5, case .string("storage") = fields[0],
                case .global(let type) = fields[1], case .string(let key) = fields[2],
                case .int(let count) = fields[4], count >= 0
            else {
                throw FileFormatError("its pickle names a persistent object that is not a storage")
            }
            return .storage(Storage(type: String(type.dropFirst("torch.".count)), key: key, count: count))
        }

        /// What an allowed global makes of its arguments.
        mutating func call(_ callable: Value, _ arguments: Value) throws(FileFormatError) -> Value {
            guard case .global(let name) = callable, case .tuple(let args, _) = arguments else {
                throw FileFormatError("its pickle calls something that is not an allowed global")
            }
            switch name {
            case "collections.OrderedDict" where args.isEmpty:
                return make(.dictionary([]))
            case "torch._utils._rebuild_parameter" where args.count >= 1:
                guard case .tensor = args[0] else { break }
                return args[0]
            case "torch._utils._rebuild_tensor_v2" where args.count >= 4:
                guard case .storage(let storage) = args[0], case .int(let offset) = args[1],
                    case .tuple(let shapeValues, _) = args[2], case .tuple(let strideValues, _) = args[3],
                    shapeValues.count == strideValues.count, shapeValues.count <= 8, offset >= 0
                else { break }
                let shape = shapeValues.compactMap { if case .int(let v) = $0, v >= 0 { v } else { nil } }
                let stride = strideValues.compactMap { if case .int(let v) = $0, v >= 0 { v } else { nil } }
                guard shape.count == shapeValues.count, stride.count == strideValues.count else { break }
                return .tensor(TensorView(storage: storage, offset: offset, shape: shape, stride: stride))
            default:
                break
            }
            throw FileFormatError("its pickle calls \(name) with arguments a state dict never has")
        }
    }
}

extension StateDictPickle {
    /// The tensors of a state dict held here, by their dotted names, in file order: a dict's tensors, and
    /// those of the dicts inside it (a training checkpoint's `model_state_dict`), at most `limit` entries in
    /// all, so that dicts shared many times over cannot make the walk endless.
    func tensors(limit: Int = 1 << 20) throws(FileFormatError) -> [(name: String, view: TensorView)] {
        var found: [(name: String, view: TensorView)] = []
        var visited = 0
        func walk(_ value: Value, _ prefix: String, _ depth: Int) throws(FileFormatError) {
            guard case .dictionary(let index) = value, case .dictionary(let entries) = containers[index], depth < 4
            else { return }
            for (key, value) in entries {
                visited += 1
                guard visited <= limit else {
                    throw FileFormatError("its pickle holds more than \(limit) entries, more than any state dict")
                }
                let name: String
                switch key {
                case .string(let text): name = prefix + text
                case .int(let number): name = prefix + String(number)
                default: continue
                }
                if case .tensor(let view) = value {
                    found.append((name, view))
                } else {
                    try walk(value, name + ".", depth + 1)
                }
            }
        }
        try walk(root, "", 0)
        return found
    }
}
