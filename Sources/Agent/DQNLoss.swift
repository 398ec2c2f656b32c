import OutputFiles

/// Computes the notebook's combined DQN loss and its gradient with respect to the online network.
///
/// For each batch: q = online(obs)[action], target = reward + discount · max_a target(next_obs) · (1 − mask),
/// loss = mean smooth L1 (beta 1); the 1-step and n-step losses are summed. For categorical networks, the
/// cross-entropy of the online network's distribution against the target's, projected (`CategoricalHead`). When both batches start from the
/// same states with the same actions (as the agent's paired samples do) the online network runs once on them.
/// Owns its scratch buffers, sized on first use and reused afterwards.
package final class DQNLoss {
    package let hidden: Int
    /// Whether the networks are dueling ones (`QNetwork.dueling`).
    package let dueling: Bool
    /// The categorical networks' support (`QNetwork.support`); empty for networks of Q-values.
    package let support: [Float]
    /// An implicit quantile network's cosines per fraction (`QNetwork.embedding`); 0 for other networks.
    package let embedding: Int
    /// An implicit quantile network's fractions per row and κ; nil for other networks.
    package let fractions: Fractions?
    package let kernels: Kernels
    private var capacityRows = 0
    var input: UnsafeMutablePointer<Float>
    var h1, h2, q, dq, dh2, dh1: UnsafeMutablePointer<Float>
    /// dZ2 and dH1 transposed (`[hidden][rows]`), for dH1 computed as W2ᵀ·dZ2ᵀ (see `backward`).
    private var dh2T, dh1T: UnsafeMutablePointer<Float>
    /// The online network's last layer as its forward pass ran it (`QNetwork.lastLayer`), and that layer's
    /// weight gradient, `[outputs][secondWidth]`, and bias gradient.
    let last, dLast, dLastBias: UnsafeMutablePointer<Float>
    /// A dueling network's gradient with respect to its advantages and value, `[rows][lastOutputs]`.
    private var dStreams: UnsafeMutablePointer<Float>
    var nextInput, targetH1, targetH2, targetQ: UnsafeMutablePointer<Float>
    /// The online network's pass on the next states (Double DQN's choice of their actions), apart from its
    /// pass on the start states so that the two can run at once.
    var nextH1, nextH2, nextQ, nextLogits, nextDistribution: UnsafeMutablePointer<Float>
    /// A categorical network's logits and distributions (`[rows][actions][atoms]`): the online network's,
    /// their gradient, the target network's.
    private var logits, distribution, dLogits, targetLogits, targetDistribution: UnsafeMutablePointer<Float>
    /// The projected target distributions of the last `evaluate`, `[batch][row][atoms]` (categorical only).
    package private(set) var projections: [Float] = []
    /// Each row's loss in the last `evaluate`, the 1-step batch's plus the n-step batch's, unweighted:
    /// prioritized replay's new priorities, less its ε.
    package internal(set) var rowLosses: [Float] = []
    /// An implicit quantile network's passes' own buffers (see `QNetwork.QuantileScratch`): the online
    /// network's on the start states, on the next states, and the target network's; the fractions of each
    /// (`setFractions`); the gradients of the features and of the embedding layer's output.
    var onlineScratch, nextScratch, targetScratch: QNetwork.QuantileScratch
    var onlineTaus, actingTaus, targetTaus, dFeatures, dFractionFeatures: UnsafeMutablePointer<Float>

    private var rowBuffers: [UnsafeMutablePointer<Float>] {
        [
            input, h1, h2, q, dq, dh2, dh1, dh2T, dh1T, nextInput, targetH1, targetH2, targetQ, dStreams, logits,
            distribution, dLogits, targetLogits, targetDistribution, nextH1, nextH2, nextQ, nextLogits,
            nextDistribution, onlineTaus, actingTaus, targetTaus, dFeatures, dFractionFeatures,
        ] + [onlineScratch, nextScratch, targetScratch].flatMap { [$0.features, $0.cosines, $0.fractionFeatures] }
    }

    /// Fails only when `CARTPOLE_KERNELS` names kernels this processor cannot run.
    package init(
        hidden: Int, dueling: Bool = false, support: [Float] = [], embedding: Int = 0, fractions: Fractions? = nil,
        kernels: Kernels? = nil
    ) throws(AgentError) {
        precondition((embedding > 0) == (fractions != nil), "an implicit quantile network's loss takes fractions")
        self.hidden = hidden
        self.dueling = dueling
        self.support = support
        self.embedding = embedding
        self.fractions = fractions
        self.kernels = if let kernels { kernels } else { try Kernels.load() }
        func empty() -> UnsafeMutablePointer<Float> { .allocate(capacity: 1) }
        func scratch() -> QNetwork.QuantileScratch {
            QNetwork.QuantileScratch(features: empty(), cosines: empty(), fractionFeatures: empty())
        }
        onlineScratch = scratch()
        nextScratch = scratch()
        targetScratch = scratch()
        onlineTaus = empty()
        actingTaus = empty()
        targetTaus = empty()
        dFeatures = empty()
        dFractionFeatures = empty()
        input = empty()
        h1 = empty()
        h2 = empty()
        q = empty()
        dq = empty()
        dh2 = empty()
        dh1 = empty()
        dh2T = empty()
        dh1T = empty()
        nextInput = empty()
        targetH1 = empty()
        targetH2 = empty()
        targetQ = empty()
        logits = empty()
        distribution = empty()
        dLogits = empty()
        targetLogits = empty()
        targetDistribution = empty()
        nextH1 = empty()
        nextH2 = empty()
        nextQ = empty()
        nextLogits = empty()
        nextDistribution = empty()
        let outputs = QNetwork.lastOutputs(dueling: dueling, atoms: max(support.count, 1))
        let width = QNetwork.secondWidth(hidden: hidden, dueling: dueling)
        last = .allocate(capacity: outputs * (width + 1))
        dLast = .allocate(capacity: outputs * width)
        dLastBias = .allocate(capacity: outputs)
        dStreams = empty()
    }

    deinit {
        for buffer in rowBuffers { buffer.deallocate() }
        last.deallocate()
        dLast.deallocate()
        dLastBias.deallocate()
    }

    /// Units of the networks' second hidden layer (`QNetwork.secondWidth`).
    private var secondWidth: Int { QNetwork.secondWidth(hidden: hidden, dueling: dueling) }

    /// Atoms per action: the support's, or 1 for networks of Q-values.
    private var atoms: Int { max(support.count, 1) }

    private var categorical: Bool { !support.isEmpty }

    func check(_ network: QNetwork, _ role: String) {
        precondition(
            network.hidden == hidden && network.dueling == dueling && network.support == support
                && network.embedding == embedding,
            "the \(role) network must have \(hidden) hidden units\(dueling ? " and two streams" : "") and \(support.count) atoms"
        )
    }

    /// Sizes the buffers for batches of `rows` rows in all (their next states' too); `setNextStates` and
    /// `evaluate` call it, before the passes that may run at once (for the same rows, it then reallocates
    /// nothing while they run).
    func reserve(rows: Int) {
        guard rows > capacityRows else { return }
        for buffer in rowBuffers { buffer.deallocate() }
        let h = hidden
        let w = secondWidth
        let a = QNetwork.actions
        let x = QNetwork.inputs
        // An implicit quantile network's passes have a row per state and fraction.
        let f = fractions.map { max($0.online, $0.target, $0.acting) } ?? 1
        let passRows = rows * f
        input = .allocate(capacity: rows * x)
        nextInput = .allocate(capacity: rows * x)
        h1 = .allocate(capacity: passRows * h)
        h2 = .allocate(capacity: passRows * w)
        dh1 = .allocate(capacity: passRows * h)
        dh2 = .allocate(capacity: passRows * w)
        dh1T = .allocate(capacity: passRows * h)
        dh2T = .allocate(capacity: passRows * w)
        targetH1 = .allocate(capacity: passRows * h)
        targetH2 = .allocate(capacity: passRows * w)
        nextH1 = .allocate(capacity: passRows * h)
        nextH2 = .allocate(capacity: passRows * w)
        q = .allocate(capacity: passRows * a)
        dq = .allocate(capacity: passRows * a)
        targetQ = .allocate(capacity: passRows * a)
        nextQ = .allocate(capacity: passRows * a)
        dStreams = .allocate(capacity: passRows * QNetwork.lastOutputs(dueling: dueling, atoms: atoms))
        let cells = categorical ? rows * a * atoms : 1
        logits = .allocate(capacity: cells)
        distribution = .allocate(capacity: cells)
        dLogits = .allocate(capacity: cells)
        targetLogits = .allocate(capacity: cells)
        targetDistribution = .allocate(capacity: cells)
        nextLogits = .allocate(capacity: cells)
        nextDistribution = .allocate(capacity: cells)
        // An implicit quantile network's own buffers (one float each for any other network).
        let (states, quantileRows) = fractions == nil ? (1, 1) : (rows * h, passRows)
        func scratch() -> QNetwork.QuantileScratch {
            QNetwork.QuantileScratch(
                features: .allocate(capacity: states), cosines: .allocate(capacity: quantileRows * max(embedding, 1)),
                fractionFeatures: .allocate(capacity: quantileRows * h))
        }
        onlineScratch = scratch()
        nextScratch = scratch()
        targetScratch = scratch()
        onlineTaus = .allocate(capacity: quantileRows)
        actingTaus = .allocate(capacity: quantileRows)
        targetTaus = .allocate(capacity: quantileRows)
        dFeatures = .allocate(capacity: states)
        dFractionFeatures = .allocate(capacity: quantileRows * h)
        capacityRows = rows
    }

    /// The loss of the online network on the batches, and its gradient (one value per parameter, in
    /// `QNetwork.parameters`' layout) written into `gradient`. The target network is run on every next state.
    package func evaluate(
        online: QNetwork, target: QNetwork, oneStep: DQNBatch, nStep: DQNBatch?,
        gradient: inout [Float]
    ) -> LossValues {
        let batches = [oneStep] + (nStep.map { [$0] } ?? [])
        let nextObservations = batches.flatMap(\.nextObservations)
        var nextValues: [Float] = []
        targetValues(target, observations: nextObservations, into: &nextValues)
        return evaluate(online: online, oneStep: oneStep, nStep: nStep, nextValues: nextValues, gradient: &gradient)
    }

    /// max over actions of the target network's Q-values, for each of the `[rows][4]` observations; for
    /// categorical networks, the target network's distribution (`atoms` values) of its greedy action.
    package func targetValues(_ target: QNetwork, observations: [Float], into values: inout [Float]) {
        let rows = setNextStates(observations)
        runTarget(target, rows: rows)
        collectNextValues(rows: rows, double: false, into: &values)
    }

    /// Double DQN's value of each of the `[rows][4]` observations: the target network's Q-value (or
    /// distribution) of the action the online network rates highest (the first on a tie, as `argmax` picks).
    package func doubleTargetValues(
        online: QNetwork, target: QNetwork, observations: [Float], into values: inout [Float]
    ) {
        let rows = setNextStates(observations)
        runTarget(target, rows: rows)
        runOnlineOnNextStates(online, rows: rows)
        collectNextValues(rows: rows, double: true, into: &values)
    }

    // The next states' values in steps, which `targetValues` and `doubleTargetValues` take in turn and a
    // caller with a second thread may overlap: after `setNextStates`, `runTarget` and
    // `runOnlineOnNextStates` read the next states and write buffers of their own (nothing `evaluate`'s
    // pass on the start states touches); `collectNextValues` reads what they wrote.

    /// Copies the `[rows][4]` observations in as the next states (sizing the buffers for as many rows);
    /// returns the rows.
    package func setNextStates(_ observations: [Float]) -> Int {
        let rows = observations.count / QNetwork.inputs
        reserve(rows: rows)
        observations.withUnsafeBufferPointer { nextInput.update(from: $0.start, count: rows * QNetwork.inputs) }
        return rows
    }

    /// The target network on the next states (an implicit quantile network at their target fractions).
    package func runTarget(_ target: QNetwork, rows: Int) {
        check(target, "target")
        if let fractions {
            target.quantileForward(
                states: rows, fractions: fractions.target, observations: nextInput, taus: targetTaus,
                scratch: targetScratch, h1: targetH1, h2: targetH2, q: targetQ, kernels: kernels)
            return
        }
        target.forward(
            rows: rows, observations: nextInput, h1: targetH1, h2: targetH2, q: targetQ,
            heads: QNetwork.Heads(logits: targetLogits, distribution: targetDistribution), kernels: kernels)
    }

    /// The online network on the next states, for Double DQN's choice of their actions (an implicit
    /// quantile network at their acting fractions).
    package func runOnlineOnNextStates(_ online: QNetwork, rows: Int) {
        check(online, "online")
        if let fractions {
            online.quantileForward(
                states: rows, fractions: fractions.acting, observations: nextInput, taus: actingTaus,
                scratch: nextScratch, h1: nextH1, h2: nextH2, q: nextQ, kernels: kernels)
            return
        }
        online.forward(
            rows: rows, observations: nextInput, h1: nextH1, h2: nextH2, q: nextQ,
            heads: QNetwork.Heads(logits: nextLogits, distribution: nextDistribution), kernels: kernels)
    }

    /// Replaces `values` with the target network's value (or distribution) of each row's action that the
    /// online network (`double`) or the target network rates highest, the first on a tie.
    package func collectNextValues(rows: Int, double: Bool, into values: inout [Float]) {
        if let fractions {
            collectNextQuantiles(rows: rows, double: double, fractions: fractions, into: &values)
            return
        }
        let choice = double ? nextQ : targetQ
        values.removeAll(keepingCapacity: true)
        for r in 0..<rows {
            let action = SIMD2(choice[r * 2], choice[r * 2 + 1]).greedyAction
            if categorical {
                let start = targetDistribution + (r * 2 + action) * atoms
                values.append(contentsOf: UnsafeBufferPointer(start: start, count: atoms))
            } else {
                values.append(targetQ[r * 2 + action])
            }
        }
    }

    /// The loss and gradient given the values of the next states: `nextValues` holds each one's value
    /// (`targetValues`, or `doubleTargetValues` for Double DQN) for the 1-step batch's rows, then for the
    /// n-step batch's. With `weights` (prioritized replay's importance weights, one per row) each row's
    /// losses count times its weight, as the chapters' mean(elementwise_loss · weights). Each row's loss,
    /// 1-step plus n-step and unweighted, is left in `rowLosses`.
    package func evaluate(
        online: QNetwork, oneStep: DQNBatch, nStep: DQNBatch?, nextValues: [Float], weights: [Float]? = nil,
        gradient: inout [Float]
    ) -> LossValues {
        evaluate(online: online, oneStep: oneStep, nStep: nStep, weights: weights, gradient: &gradient) {
            nextValues
        }
    }

    /// `evaluate`, given the next states' values by `nextValues` once the online network's pass on the
    /// start states is done (a companion thread may compute them meanwhile, see `DQNAgent`).
    package func evaluate(
        online: QNetwork, oneStep: DQNBatch, nStep: DQNBatch?, weights: [Float]? = nil, gradient: inout [Float],
        nextValues awaitNextValues: () -> [Float]
    ) -> LossValues {
        check(online, "online")
        precondition(gradient.count == online.parameters.count)
        if let fractions {
            return quantileEvaluate(
                online: online, oneStep: oneStep, nStep: nStep, weights: weights, fractions: fractions,
                gradient: &gradient, nextValues: awaitNextValues)
        }
        let batches = [oneStep] + (nStep.map { [$0] } ?? [])
        let shared = nStep.map { oneStep.sharesStart(with: $0) } ?? true
        let rows = oneStep.rows
        let onlineRows = shared ? rows : rows * batches.count
        reserve(rows: rows * batches.count)

        // The online network on the start states, once when both batches share them.
        for (b, batch) in batches.enumerated() where b == 0 || !shared {
            precondition(batch.rows == rows, "both batches need the same number of rows")
            batch.observations.withUnsafeBufferPointer {
                input.advanced(by: b * rows * 4).update(from: $0.start, count: rows * 4)
            }
        }
        online.forward(
            rows: onlineRows, observations: input, h1: h1, h2: h2, q: q, last: last,
            heads: QNetwork.Heads(logits: logits, distribution: distribution, expectation: false), kernels: kernels)
        precondition(weights.map { $0.count == rows } ?? true, "one weight per row")
        let nextValues = awaitNextValues()
        precondition(nextValues.count == rows * batches.count * atoms, "one target value per row of each batch")
        if categorical {
            let losses = crossEntropy(
                batches: batches, shared: shared, nextDistributions: nextValues, weights: weights)
            gradient.withUnsafeMutableBufferPointer { g in
                online.parameters.withUnsafeBufferPointer { p in
                    backward(online, rows: onlineRows, head: dLogits, parameters: p.start, gradient: g.start)
                }
            }
            return LossValues(oneStep: losses[0], nStep: losses.count > 1 ? losses[1] : nil)
        }

        // Smooth L1 losses and their gradient with respect to the chosen Q-values.
        dq.update(repeating: 0, count: onlineRows * 2)
        rowLosses.removeAll(keepingCapacity: true)
        rowLosses.append(contentsOf: repeatElement(0, count: rows))
        var losses: [Float] = []
        for (b, batch) in batches.enumerated() {
            let onlineBase = shared ? 0 : b * rows
            var sum: Float = 0
            let scale = 1 / Float(rows)
            for r in 0..<rows {
                let targetValue =
                    batch.rewards[r] + batch.discounts[r] * nextValues[b * rows + r] * (1 - batch.masks[r])
                let cell = (onlineBase + r) * 2 + batch.actions[r]
                let d = q[cell] - targetValue
                let absolute = abs(d)
                let rowLoss = absolute < 1 ? 0.5 * d * d : absolute - 0.5
                rowLosses[r] += rowLoss
                let slope: Float = absolute < 1 ? d : (d > 0 ? 1 : -1)
                if let weights {
                    sum += rowLoss * weights[r]
                    dq[cell] += slope * (scale * weights[r])
                } else {
                    sum += rowLoss
                    dq[cell] += slope * scale
                }
            }
            losses.append(sum / Float(rows))
        }

        gradient.withUnsafeMutableBufferPointer { g in
            online.parameters.withUnsafeBufferPointer { p in
                backward(online, rows: onlineRows, head: dq, parameters: p.start, gradient: g.start)
            }
        }
        return LossValues(oneStep: losses[0], nStep: losses.count > 1 ? losses[1] : nil)
    }

    /// Each batch's mean (weighted) cross-entropy of the online network's distribution of the taken action
    /// against the projected target distribution, as chapters 06 and 08 compute it; leaves the rows' losses
    /// in `rowLosses`, the projections in `projections`, and the gradient with respect to the logits (the
    /// log-softmax's: g − softmax · Σ g, nonzero for the taken actions' atoms alone) in `dLogits`.
    private func crossEntropy(batches: [DQNBatch], shared: Bool, nextDistributions: [Float], weights: [Float]?)
        -> [Float]
    {
        let (k, a) = (atoms, QNetwork.actions)
        let rows = batches[0].rows
        let onlineRows = shared ? rows : rows * batches.count
        dLogits.update(repeating: 0, count: onlineRows * a * k)
        rowLosses.removeAll(keepingCapacity: true)
        rowLosses.append(contentsOf: repeatElement(0, count: rows))
        projections.removeAll(keepingCapacity: true)
        projections.append(contentsOf: repeatElement(0, count: batches.count * rows * k))
        var losses: [Float] = []
        // Each row's sums run in order; the rows' run side by side (j outer), which hides their latency.
        withUnsafeTemporaryAllocation(of: Float.self, capacity: rows * k + rows) { buffer in
            let (logP, sums) = (buffer.start, buffer.start + rows * k)
            projections.withUnsafeMutableBufferPointer { projections in
                nextDistributions.withUnsafeBufferPointer { next in
                    for (b, batch) in batches.enumerated() {
                        let onlineBase = shared ? 0 : b * rows
                        let cells = (0..<rows).map { ((onlineBase + $0) * a + batch.actions[$0]) * k }
                        CategoricalHead.logSoftmax(
                            logits, starts: cells, count: k, into: logP, probabilities: distribution, kernels: kernels)
                        let m = projections.start + b * rows * k
                        for r in 0..<rows {
                            CategoricalHead.project(
                                next.start + (b * rows + r) * k, reward: batch.rewards[r],
                                discount: batch.discounts[r], mask: batch.masks[r], support: support, into: m + r * k)
                        }
                        sums.update(repeating: 0, count: rows)
                        for j in 0..<k {
                            for r in 0..<rows { sums[r] += m[r * k + j] * logP[r * k + j] }
                        }
                        var sum: Float = 0
                        let scale = 1 / Float(rows)
                        for r in 0..<rows {
                            let rowLoss = -sums[r]
                            rowLosses[r] += rowLoss
                            let weight = weights.map { $0[r] } ?? 1
                            sum += weights == nil ? rowLoss : rowLoss * weight
                            let factor = weights == nil ? scale : scale * weight
                            for j in 0..<k { dLogits[cells[r] + j] -= m[r * k + j] * factor }
                        }
                        losses.append(sum / Float(rows))
                    }
                }
            }
            // Through the log-softmax: d logits = g − softmax · Σ g, for the taken actions' atoms (elsewhere g
            // is 0, and so is that), once per online row.
            for (b, batch) in batches.enumerated() where b == 0 || !shared {
                let cells = (0..<rows).map { (((shared ? 0 : b * rows) + $0) * a + batch.actions[$0]) * k }
                sums.update(repeating: 0, count: rows)
                for j in 0..<k {
                    for r in 0..<rows { sums[r] += dLogits[cells[r] + j] }
                }
                for r in 0..<rows {
                    let (g, p) = (dLogits + cells[r], distribution + cells[r])
                    for j in 0..<k { g[j] -= p[j] * sums[r] }
                }
            }
        }
        return losses
    }

    /// Back-propagates `head`, the gradient with respect to the Q-values (`dq`) or a categorical network's
    /// logits (`dLogits`), through the online network's last forward pass (which left its last layer in
    /// `last`).
    func backward(
        _ network: QNetwork, rows: Int, head: UnsafePointer<Float>, parameters: UnsafePointer<Float>,
        gradient: UnsafeMutablePointer<Float>
    ) {
        let h = hidden
        let w = secondWidth
        let a = QNetwork.actions
        let x = QNetwork.inputs
        let w2 = parameters + network.weightOffset(1)
        let outputs = network.lastOutputs
        let k = atoms
        // The last layer's outputs' gradient: the head's, or for a dueling network, as PyTorch's autograd of
        // value + advantage − mean(advantage) gives it per atom, d(advantage) = g − mean(g), d(value) = Σ g.
        let dOut = dueling ? dStreams : UnsafeMutablePointer(mutating: head)
        if dueling {
            for row in 0..<rows {
                let g = head + row * a * k
                let out = dStreams + row * outputs
                for atom in 0..<k {
                    var sum: Float = 0
                    for action in 0..<a { sum += g[action * k + atom] }
                    let mean = sum / Float(a)
                    for action in 0..<a { out[action * k + atom] = g[action * k + atom] - mean }
                    out[a * k + atom] = sum
                }
            }
        }
        // The last layer: dWᵀ = H2ᵀ·dOut (computed as dOutᵀ·H2, whole vectors wide), db = Σ dOut, dH2 = dOut·W
        // masked by the ReLU.
        kernels.gemm(m: outputs, n: w, k: rows, a: dOut, aRow: 1, aColumn: outputs, b: h2, bRow: w, c: dLast, cRow: w)
        kernels.columnSums(dOut, m: rows, n: outputs, into: dLastBias)
        if dueling {
            // The streams' weights are blocks of the last layer's: advantages' rows over the advantage units,
            // the value's row over the value units.
            let (advantage, value) = network.streamOutputs
            let ak = a * k
            kernels.transpose(
                m: ak, n: h, input: dLast, inputRow: w, out: gradient + advantage.weight.offset, outRow: ak)
            (gradient + advantage.bias.offset).update(from: dLastBias, count: ak)
            kernels.transpose(
                m: k, n: h, input: dLast + ak * w + h, inputRow: w, out: gradient + value.weight.offset, outRow: k)
            (gradient + value.bias.offset).update(from: dLastBias + ak, count: k)
        } else {
            kernels.transpose(
                m: outputs, n: h, input: dLast, inputRow: h, out: gradient + network.weightOffset(2), outRow: outputs)
            (gradient + network.biasOffset(2)).update(from: dLastBias, count: outputs)
        }
        kernels.gemm(
            m: rows, n: w, k: outputs, a: dOut, aRow: outputs, aColumn: 1, b: last, bRow: w, mask: h2, maskRow: w,
            c: dh2, cRow: w)
        // Layer 2: dW2ᵀ = H1ᵀ·dZ2, db2 = Σ dZ2, dH1 = dZ2·W2 masked by the ReLU. The stored weight is W2ᵀ
        // ([in][out]), so dH1ᵀ = W2ᵀ·dZ2ᵀ is computed and transposed back: moving dZ2 and dH1 moves half
        // as many values as a transposed copy of the weight would.
        kernels.gemm(
            m: h, n: w, k: rows, a: h1, aRow: 1, aColumn: h, b: dh2, bRow: w,
            c: gradient + network.weightOffset(1), cRow: w)
        kernels.columnSums(dh2, m: rows, n: w, into: gradient + network.biasOffset(1))
        kernels.transpose(m: rows, n: w, input: dh2, inputRow: w, out: dh2T, outRow: rows)
        kernels.gemm(m: h, n: rows, k: w, a: w2, aRow: w, aColumn: 1, b: dh2T, bRow: rows, c: dh1T, cRow: rows)
        // An implicit quantile network's H1 is a product, not a ReLU's output: its gradient is not masked, and
        // flows on into the features and the fractions' embedding.
        guard !network.quantile else {
            kernels.transpose(m: h, n: rows, input: dh1T, inputRow: rows, out: dh1, outRow: h)
            quantileBackward(network, rows: rows, gradient: gradient)
            return
        }
        kernels.transpose(m: h, n: rows, input: dh1T, inputRow: rows, mask: h1, maskRow: h, out: dh1, outRow: h)
        // Layer 1: dW1ᵀ = Xᵀ·dZ1, db1 = Σ dZ1.
        kernels.gemm(
            m: x, n: h, k: rows, a: input, aRow: 1, aColumn: x, b: dh1, bRow: h,
            c: gradient + network.weightOffset(0), cRow: h)
        kernels.columnSums(dh1, m: rows, n: h, into: gradient + network.biasOffset(0))
    }
}
