/// How many bytes of RAM a training run will take, part by part, computed before any work so that a
/// configuration the machine cannot hold is refused with the option to change, instead of failing hours in.
///
/// All arithmetic saturates at `Int.max` instead of overflowing, whatever the options.
package struct TrainingFootprint: Sendable, Equatable {
    package struct Part: Sendable, Equatable {
        /// What takes the memory, e.g. "the update's activations".
        package let what: String
        /// The settings that size it, by name (e.g. batch-size and hidden).
        package let settings: [String]
        package let bytes: Int
    }

    package let parts: [Part]
    package var bytes: Int { parts.reduce(0) { $0.addingSaturating($1.bytes) } }
    /// The part that takes the most.
    package var largest: Part { parts.max { $0.bytes < $1.bytes } ?? parts[0] }  // never empty: see init

    /// Measured peak per training frame of the metrics kept for the plot and written to metrics.csv
    /// (`cartpole train --frames 2000000 --hidden 8`: 326 MB peak against 75 MB at 200000 frames).
    static let metricsBytesPerFrame = 140
    /// Process, libraries and the rest that does not grow with the options.
    static let baseBytes = 80 << 20

    package init(_ configuration: TrainingConfiguration) {
        let c = configuration
        let h = c.hidden
        // 4·h + h, h·h + h, 2·h + 2 weights and biases; a dueling network has both streams' (2·h·h + 2·h,
        // 3·h + 3), a categorical one `atoms` outputs for each of those of the last layer.
        let streams = c.dueling ? 2 : 1
        let atoms = c.categorical ? c.atoms : 1
        let lastOutputs = (2 + (streams - 1)).multipliedSaturating(atoms)
        let hidden = h.addingSaturating(1).multipliedSaturating(h).multipliedSaturating(streams)
        let last = h.addingSaturating(1).multipliedSaturating(lastOutputs)
        // An implicit quantile network's embedding layer: (cosines + 1) · h.
        let embedding = c.iqn ? c.quantileEmbeddingDim.addingSaturating(1).multipliedSaturating(h) : 0
        let means = h.multipliedSaturating(5).addingSaturating(hidden).addingSaturating(last).addingSaturating(
            embedding)
        // A noisy network's layers after the first have a σ too, their noise, and a noisy copy of the
        // means with its gradient.
        let noisy = c.noisy ? hidden.addingSaturating(last) : 0
        let parameters = means.addingSaturating(noisy)
        let memories = c.nStep > 1 ? 2 : 1
        // Per slot: observation and next observation (8 floats), action, reward, discount, steps and
        // terminated (5 words), per memory; then two cached target values and their version.
        // Prioritized replay adds its two segment trees (twice the slots rounded up to a power of two, so
        // at most four floats a slot each) and each slot's priority.
        let replay = c.memorySize.multipliedSaturating(memories * 13 * 4 + 16 + (c.prioritized ? 9 * 4 : 0))
        // Online, target, gradient and Adam's two moments, in Float; a noisy network's noise and noisy copy.
        let network = parameters.multipliedSaturating(5 * 4)
            .addingSaturating(
                noisy.addingSaturating(c.noisy ? means.multipliedSaturating(2) : 0).multipliedSaturating(4))
        // The loss's buffers: per row of both batches, inputs and next inputs, six hidden activations (twice
        // as wide in a dueling network), three Q pairs (and the streams' gradient); and the two gathered
        // batches.
        let rows = c.batchSize.multipliedSaturating(memories)
        // A categorical network's logits and distributions (online, target, gradient) and streams.
        let categorical = c.categorical ? lastOutputs.multipliedSaturating(6) : 0
        // An implicit quantile network's passes have a row per state and fraction, and keep its three passes'
        // cosines, embeddings and fractions and two gradients per row.
        let fractions = c.iqn ? max(c.tauSamples, c.tauPrimeSamples, c.quantileSamples) : 1
        let quantile =
            c.iqn ? c.quantileEmbeddingDim.addingSaturating(h).multipliedSaturating(3).addingSaturating(3) : 0
        let activations = rows.multipliedSaturating(fractions).multipliedSaturating(
            h.multipliedSaturating(6 * streams).addingSaturating(8 + 6 + (c.dueling ? 3 : 0)).addingSaturating(
                categorical
            ).addingSaturating(quantile).addingSaturating(c.iqn ? h : 0)
        )
        .multipliedSaturating(4)
        .addingSaturating(rows.multipliedSaturating(14 * 4 + (c.iqn ? 8 * h : 0)))
        let metrics = c.frames.multipliedSaturating(Self.metricsBytesPerFrame)
        parts = [
            Part(what: "the metrics kept for the plot and metrics.csv", settings: ["frames"], bytes: metrics),
            Part(
                what: "the update's activations",
                settings: ["batch-size", "hidden"] + (c.categorical ? ["atoms"] : [])
                    + (c.iqn
                        ? ["tau-samples", "tau-prime-samples", "quantile-samples", "quantile-embedding-dim"] : []),
                bytes: activations),
            Part(
                what: "the networks and Adam's moments",
                settings: ["hidden"] + (c.dueling ? ["dueling"] : []) + (c.noisy ? ["noisy"] : [])
                    + (c.categorical ? ["atoms"] : []) + (c.iqn ? ["quantile-embedding-dim"] : []), bytes: network),
            Part(
                what: "the replay memories", settings: ["memory-size"] + (c.prioritized ? ["prioritized"] : []),
                bytes: replay),
            Part(what: "the program itself", settings: [], bytes: Self.baseBytes),
        ]
    }
}

/// Arithmetic that stops at `Int.max` instead of trapping, for sizes computed from user input.
extension Int {
    package func addingSaturating(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }

    package func multipliedSaturating(_ other: Int) -> Int {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? .max : product
    }
}
