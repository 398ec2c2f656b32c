import Agent
import Foundation
import OutputFiles

/// A file `torch.save` wrote (PyTorch 1.6 and later): a zip holding `NAME/data.pkl`, the pickled object,
/// and `NAME/data/KEY`, each storage's raw little-endian bytes. The pickle is read by `StateDictPickle`'s
/// allow-list; a storage is read only when a tensor of the network needs it, and only as large as its
/// declared element count.
enum TorchFile {
    /// The largest pickle read: a state dict's is a few kilobytes per tensor.
    static let largestPickle = 16 << 20

    /// The largest storage read: the largest layer's weight (`StateDict.widest` squared) in 64-bit floats.
    /// A storage is a claim of the pickle; its bytes are read only after its zip entry is seen to hold
    /// exactly that many, so no file makes more be inflated or allocated.
    static let largestStorage = StateDict.widest * StateDict.widest * 8

    /// Whether `archive` holds a pickle as `torch.save` writes it.
    static func pickleEntry(in archive: ZipArchive) -> ZipArchive.Entry? {
        archive.entries.first {
            let parts = $0.name.split(separator: "/", omittingEmptySubsequences: false)
            return parts.count == 2 && parts[1] == "data.pkl"
        }
    }

    /// The state dict of a `torch.save` archive: the tensors of the saved dict, and of the dicts inside it.
    static func stateDict(_ archive: ZipArchive) throws(FileFormatError) -> StateDict {
        guard let pickle = pickleEntry(in: archive) else {
            throw FileFormatError(
                "it is a zip archive, but neither a PyTorch file (no data.pkl) nor a Stable-Baselines3 model")
        }
        let folder = String(pickle.name.dropLast("data.pkl".count))
        if let order = archive.entry(folder + "byteorder") {
            let text = String(decoding: try archive.contents(of: order, limit: 16), as: UTF8.self)
            guard text == "little" else {
                throw FileFormatError(
                    "its tensors are stored \(MessageText.shown(text))-endian; readable is little-endian")
            }
        }
        let pickled = try StateDictPickle(try archive.contents(of: pickle, limit: largestPickle))
        var dict = StateDict()
        for (name, view) in try pickled.tensors() {
            let dtype = TensorDType(torchStorage: view.storage.type)
            dict.add(
                name,
                StateDict.Tensor(shape: view.shape, dtype: dtype?.rawValue ?? view.storage.type) {
                    () throws(FileFormatError) -> [Float] in
                    try values(of: view, dtype: dtype ?? .f32, name: name, folder: folder, in: archive)
                })
        }
        return dict
    }

    /// The values of a tensor, row-major, from the strided view of its storage.
    private static func values(
        of view: StateDictPickle.TensorView, dtype: TensorDType, name: String, folder: String, in archive: ZipArchive
    ) throws(FileFormatError) -> [Float] {
        let shown = MessageText.shown(name)
        let storageName = folder + "data/" + view.storage.key
        guard let entry = archive.entry(storageName) else {
            throw FileFormatError("the storage of '\(shown)' (\(MessageText.shown(storageName))) is missing")
        }
        // Largest element index the view reaches, and the element count, with overflow checks.
        var count = 1
        var last = view.offset
        for (size, stride) in zip(view.shape, view.stride) {
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            let (reach, reachOverflow) = (size == 0 ? 0 : size - 1).multipliedReportingOverflow(by: stride)
            guard !overflow, !reachOverflow, Int.max - last >= reach else {
                throw FileFormatError("'\(shown)' has shape \(view.shape), too large to hold")
            }
            count = product
            last += reach
        }
        let (bytes, overflow) = view.storage.count.multipliedReportingOverflow(by: dtype.size)
        guard !overflow, count == 0 || last < view.storage.count, count <= view.storage.count else {
            throw FileFormatError("'\(shown)' reaches past the end of its storage; the file is damaged")
        }
        guard bytes <= largestStorage else {
            throw FileFormatError(
                "the storage of '\(shown)' declares \(bytes) bytes, more than the largest layer a network read here "
                    + "can have (\(largestStorage))")
        }
        guard entry.size == bytes else {
            throw FileFormatError(
                "the storage of '\(shown)' holds \(entry.size) bytes, not the \(bytes) it declares; the file is damaged"
            )
        }
        let storage = try archive.contents(of: entry, limit: bytes)
        let elements = dtype.values(in: storage, from: 0, count: count == 0 ? 0 : last + 1)
        var values = [Float](repeating: 0, count: count)
        for flat in 0..<count {
            var rest = flat
            var element = view.offset
            for (size, stride) in zip(view.shape, view.stride).reversed() {
                element += rest % size * stride
                rest /= size
            }
            values[flat] = elements[element]
        }
        return values
    }
}
