import Agent
import Foundation
import OutputFiles

/// A model Stable-Baselines3 (or the RL Zoo, through it) saved with `model.save`: a zip whose `data` is
/// JSON describing the model (its spaces and `policy_kwargs`, as JSON beside their pickles, which are never
/// read) and whose `policy.pth` is a `torch.save` archive of the policy's state dict. A DQN policy holds
/// the online network as `q_net.q_net.*` and the target as `q_net_target.q_net.*`; the online one is played.
enum StableBaselinesModel {
    /// The largest `data` read: SB3 writes a few tens of kilobytes of JSON.
    static let largestDescription = 1 << 20

    /// The largest `policy.pth` read: the online and target networks of the most parameters a network read
    /// here may have, in 64-bit floats, and their pickle.
    static let largestPolicy = 2 * StateDict.mostParameters * 8 + TorchFile.largestPickle

    static func isModel(_ archive: ZipArchive) -> Bool {
        archive.entry("data") != nil && archive.entry("policy.pth") != nil
    }

    static func agent(_ archive: ZipArchive) throws(FileFormatError) -> TrainedAgent {
        guard let dataEntry = archive.entry("data"), let policyEntry = archive.entry("policy.pth") else {
            throw FileFormatError("it is not a Stable-Baselines3 model (no data or policy.pth)")
        }
        let description = try archive.contents(of: dataEntry, limit: largestDescription)
        guard let data = try? JSONSerialization.jsonObject(with: Data(description)) as? [String: Any] else {
            throw FileFormatError("its data entry is not a JSON object, as Stable-Baselines3 writes it")
        }
        try checkSpaces(data)
        var activation = Perceptron.Activation.relu  // DQNPolicy's default
        if let kwargs = data["policy_kwargs"] as? [String: Any], let named = kwargs["activation_fn"] as? String {
            activation = try Perceptron.Activation(named: named)
        }
        try MemoryBudget.check(policyEntry.size.multipliedSaturating(2), for: "unpacking its policy.pth")
        let policy = try ZipArchive(try archive.contents(of: policyEntry, limit: largestPolicy))
        var online = StateDict()
        let all = try TorchFile.stateDict(policy)
        for name in all.names where name.hasPrefix("q_net.") {
            if let tensor = all.tensors[name] { online.add(name, tensor) }
        }
        guard !online.names.isEmpty else {
            let policyClass = (data["policy_class"] as? [String: Any])?["__module__"] as? String
            throw FileFormatError(
                "its policy has no Q-network (q_net): only DQN models can be played"
                    + (policyClass.map { " (this one's policy is from \(MessageText.shown($0)))" } ?? ""))
        }
        return TrainedAgent(
            network: try online.network(activation: activation), environment: nil,
            kind: "a Stable-Baselines3 model")
    }

    /// CartPole's spaces: a Box of 4 observations and Discrete(2), as `data` describes them (SB3 keeps the
    /// space's fields readable beside its pickle: `_shape`, `n`).
    private static func checkSpaces(_ data: [String: Any]) throws(FileFormatError) {
        let observations = data["observation_space"] as? [String: Any]
        let actions = data["action_space"] as? [String: Any]
        let shape = (observations?["_shape"] as? [Any])?.compactMap { ($0 as? NSNumber)?.intValue }
        let count = (actions?["n"] as? String).flatMap { Int($0) } ?? (actions?["n"] as? NSNumber)?.intValue
        guard let shape, let count else {
            throw FileFormatError("its data does not describe its observation and action spaces")
        }
        guard shape == [QNetwork.inputs], count == QNetwork.actions else {
            throw FileFormatError(
                "it was trained on observations of shape \(shape) with \(count) actions; CartPole has [4] and 2")
        }
    }
}
