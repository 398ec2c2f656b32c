/// The fields of TensorBoard's protocol buffers that the tool reads and writes, numbered once for the
/// reader (`TensorBoardEvents`) and the writer (`TensorBoardEventWriter`), as TensorFlow's
/// `event.proto`, `summary.proto`, `tensor.proto` and `types.proto` number them.
enum TensorBoardSchema {
    /// `Event`: wall_time (double), step (int64), file_version (string), summary (`Summary`).
    enum Event {
        static let wallTime: UInt64 = 1, step: UInt64 = 2, fileVersion: UInt64 = 3, summary: UInt64 = 5
    }

    /// `Summary`: its repeated value (`Summary.Value`).
    enum Summary {
        static let value: UInt64 = 1
    }

    /// `Summary.Value`: tag (string), simple_value (float), tensor (`TensorProto`).
    enum Value {
        static let tag: UInt64 = 1, simpleValue: UInt64 = 2, tensor: UInt64 = 8
    }

    /// `TensorProto`: dtype (`DataType`), tensor_content (bytes), float_val and double_val (packed or not).
    enum Tensor {
        static let dtype: UInt64 = 1, content: UInt64 = 4, floatValue: UInt64 = 5, doubleValue: UInt64 = 6
    }

    /// `DataType`'s values for a tensor's content.
    enum DataType {
        static let float: UInt64 = 1, double: UInt64 = 2
    }
}
