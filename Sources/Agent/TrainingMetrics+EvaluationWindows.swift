extension TrainingMetrics {
    /// Stand-ins for evaluations from a log that has none (another tool's episode log): at every `every`
    /// frames, the returns of the episodes that ended since the previous point (windows without one are
    /// left out).
    package func evaluationWindows(every: Int) -> [EvaluationPoint] {
        precondition(every > 0)
        var points: [EvaluationPoint] = []
        for row in rows {
            guard let score = row.score else { continue }
            let (rounded, overflow) = ((row.frame + every - 1) / every).multipliedReportingOverflow(by: every)
            let end = overflow ? row.frame : max(rounded, every)
            if points.last?.frame != end { points.append(EvaluationPoint(frame: end, returns: [], lengths: [])) }
            points[points.count - 1].returns.append(score)
            points[points.count - 1].lengths.append(0)
        }
        return points
    }
}
