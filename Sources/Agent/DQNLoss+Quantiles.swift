/// An implicit quantile network's loss (rainbow chapter 09's `_compute_dqn_loss`): the online network's
/// quantiles of the taken action at the online fractions τ, the target's n-step quantiles at the target
/// fractions τ' (of the action the online network's mean over the acting fractions picks, Double DQN's, or
/// the target's own), and the quantile Huber loss between every pair.
extension DQNLoss {
    /// Fractions per row of each pass, as chapter 09 names them, and the loss's κ.
    package struct Fractions: Sendable, Equatable {
        /// The online network's per start state (`n_tau_samples`).
        package var online: Int
        /// The target network's per next state (`n_tau_prime_samples`).
        package var target: Int
        /// The online network's per next state, whose mean picks Double DQN's action (`n_quantile_samples`).
        package var acting: Int
        /// The loss's divisor (`kappa`).
        package var kappa: Float

        package init(online: Int, target: Int, acting: Int, kappa: Float) {
            (self.online, self.target, self.acting, self.kappa) = (online, target, acting, kappa)
        }
    }

    /// Sets the next update's fractions, each `[rows][count]` over the 1-step batch's rows then the n-step
    /// batch's: the online network's at the start states, the target network's and the acting ones at the
    /// next states (none without Double DQN, which alone runs the online network there). Call it first: it sizes the buffers for these rows (a later call for more rows would
    /// size them anew and lose the fractions), then `setNextStates` and `evaluate` for the same rows.
    package func setFractions(online: [Float], target: [Float], acting: [Float]) {
        guard let fractions else { preconditionFailure("only an implicit quantile network takes fractions") }
        let rows = online.count / fractions.online
        precondition(
            online.count == rows * fractions.online && target.count == rows * fractions.target
                && (acting.isEmpty || acting.count == rows * fractions.acting), "fractions for every row")
        reserve(rows: rows)
        online.withUnsafeBufferPointer { onlineTaus.update(from: $0.start, count: $0.count) }
        target.withUnsafeBufferPointer { targetTaus.update(from: $0.start, count: $0.count) }
        acting.withUnsafeBufferPointer { actingTaus.update(from: $0.start, count: $0.count) }
    }

    /// Replaces `values` with each next state's target quantiles (`fractions.target` of them) of the action
    /// the online network's mean over the acting fractions (`double`) or the target's own mean rates highest.
    func collectNextQuantiles(rows: Int, double: Bool, fractions: Fractions, into values: inout [Float]) {
        let choice = double ? (nextQ, fractions.acting) : (targetQ, fractions.target)
        values.removeAll(keepingCapacity: true)
        withUnsafeTemporaryAllocation(of: Float.self, capacity: rows * QNetwork.actions) { means in
            QNetwork.quantileMeans(choice.0, states: rows, fractions: choice.1, into: means.start)
            for r in 0..<rows {
                let action = SIMD2(means[r * 2], means[r * 2 + 1]).greedyAction
                for t in 0..<fractions.target { values.append(targetQ[(r * fractions.target + t) * 2 + action]) }
            }
        }
    }

    /// `evaluate` for an implicit quantile network: each batch's mean (weighted) quantile Huber loss, as
    /// chapter 09 computes it per row, mean over τ of mean over τ' of |τ − 1{u < 0}| · huber(u)/κ, where
    /// u = target quantile − online quantile and huber is smooth L1 at threshold 1.
    func quantileEvaluate(
        online: QNetwork, oneStep: DQNBatch, nStep: DQNBatch?, weights: [Float]?, fractions: Fractions,
        gradient: inout [Float], nextValues awaitNextValues: () -> [Float]
    ) -> LossValues {
        let batches = [oneStep] + (nStep.map { [$0] } ?? [])
        let rows = oneStep.rows
        let states = rows * batches.count
        let (t, tPrime) = (fractions.online, fractions.target)
        reserve(rows: states)
        // Every batch's start states apart: each has fractions of its own.
        for (b, batch) in batches.enumerated() {
            precondition(batch.rows == rows, "both batches need the same number of rows")
            batch.observations.withUnsafeBufferPointer {
                input.advanced(by: b * rows * 4).update(from: $0.start, count: rows * 4)
            }
        }
        online.quantileForward(
            states: states, fractions: t, observations: input, taus: onlineTaus, scratch: onlineScratch, h1: h1,
            h2: h2, q: q, last: last, kernels: kernels)
        precondition(weights.map { $0.count == rows } ?? true, "one weight per row")
        let next = awaitNextValues()
        precondition(next.count == states * tPrime, "target quantiles for every row of each batch")

        dq.update(repeating: 0, count: states * t * 2)
        rowLosses.removeAll(keepingCapacity: true)
        rowLosses.append(contentsOf: repeatElement(0, count: rows))
        var losses: [Float] = []
        let kappa = fractions.kappa
        withUnsafeTemporaryAllocation(of: Float.self, capacity: tPrime) { targets in
            for (b, batch) in batches.enumerated() {
                var sum: Float = 0
                let scale = 1 / Float(rows)
                for r in 0..<rows {
                    let state = b * rows + r
                    let factor = (1 - batch.masks[r]) * batch.discounts[r]
                    for j in 0..<tPrime { targets[j] = batch.rewards[r] + factor * next[state * tPrime + j] }
                    let weight = weights.map { $0[r] } ?? 1
                    // d(row loss)/dθ is Σ_τ' |τ − 1{u < 0}| · slope / κ, over τ' then τ.
                    let step =
                        weights == nil ? scale / Float(tPrime) / Float(t) : scale * weight / Float(tPrime) / Float(t)
                    var rowLoss: Float = 0
                    for i in 0..<t {
                        let row = state * t + i
                        let cell = row * 2 + batch.actions[r]
                        let (quantile, tau) = (q[cell], onlineTaus[row])
                        var (losses, slopes): (Float, Float) = (0, 0)
                        for j in 0..<tPrime {
                            let d = quantile - targets[j]
                            let absolute = abs(d)
                            let huber = absolute < 1 ? 0.5 * absolute * absolute : absolute - 0.5
                            let asymmetry = abs(tau - (targets[j] - quantile < 0 ? 1 : 0))
                            losses += asymmetry * huber / kappa
                            let slope: Float = absolute < 1 ? d : (d > 0 ? 1 : -1)
                            slopes += asymmetry * slope / kappa
                        }
                        rowLoss += losses / Float(tPrime)
                        dq[cell] = slopes * step
                    }
                    rowLoss /= Float(t)
                    rowLosses[r] += rowLoss
                    sum += weights == nil ? rowLoss : rowLoss * weight
                }
                losses.append(sum / Float(rows))
            }
        }
        gradient.withUnsafeMutableBufferPointer { g in
            online.parameters.withUnsafeBufferPointer { p in
                backward(online, rows: states * t, head: dq, parameters: p.start, gradient: g.start)
            }
        }
        return LossValues(oneStep: losses[0], nStep: losses.count > 1 ? losses[1] : nil)
    }

    /// The backward pass below H1 = features ⊙ embedding (`dh1` holds its gradient, `[rows][hidden]`):
    /// the embedding layer's gradient through its ReLU and the cosines, the feature layer's through the sum
    /// over each state's fractions and its ReLU.
    func quantileBackward(_ network: QNetwork, rows: Int, gradient: UnsafeMutablePointer<Float>) {
        guard let fractions else { return }
        let (h, e, t) = (hidden, embedding, fractions.online)
        let states = rows / t
        let (features, cosines, embedded) =
            (onlineScratch.features, onlineScratch.cosines, onlineScratch.fractionFeatures)
        // d(embedding layer's output) = dH1 ⊙ features, where that output is positive.
        for state in 0..<states {
            for i in 0..<t {
                let row = (state * t + i) * h
                kernels.products(count: h, dh1 + row, features + state * h, into: dFractionFeatures + row)
            }
        }
        for k in 0..<(rows * h) where !(embedded[k] > 0) { dFractionFeatures[k] = 0 }
        let weight = network.embeddingOffset
        kernels.gemm(
            m: e, n: h, k: rows, a: cosines, aRow: 1, aColumn: e, b: dFractionFeatures, bRow: h,
            c: gradient + weight, cRow: h)
        kernels.columnSums(dFractionFeatures, m: rows, n: h, into: gradient + weight + e * h)
        // d(features) = Σ over the state's fractions of dH1 ⊙ embedding, where the features are positive.
        for state in 0..<states {
            let out = dFeatures + state * h
            out.update(repeating: 0, count: h)
            for i in 0..<t {
                let row = (state * t + i) * h
                kernels.products(count: h, dh1 + row, embedded + row, plus: out, into: out)
            }
            let f = features + state * h
            for j in 0..<h where !(f[j] > 0) { out[j] = 0 }
        }
        kernels.gemm(
            m: QNetwork.inputs, n: h, k: states, a: input, aRow: 1, aColumn: QNetwork.inputs, b: dFeatures, bRow: h,
            c: gradient + network.weightOffset(0), cRow: h)
        kernels.columnSums(dFeatures, m: states, n: h, into: gradient + network.biasOffset(0))
    }
}
