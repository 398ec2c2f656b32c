import Agent
import Foundation
import OutputFiles

/// Episode logs of other tools, read into the same `TrainingMetrics` as our `metrics.csv` (episodes only:
/// such logs have no loss or epsilon, which are left empty, never invented). Recognised by content:
/// - Stable-Baselines3's `monitor.csv`: a `#{...}` JSON comment line, then a header with `r` (return) and
///   `l` (length), one row per episode;
/// - a plain CSV of episode returns, with the return column named by the caller (and `l` or `length`
///   used for frames when present);
/// - a TensorBoard event file (`events.out.tfevents.*`, by its name): the scalars of one tag, the caller's
///   or the first of `knownTags` it holds, one row per value, at its step.
/// Episode k's frame is the sum of the lengths so far, or k when the log has no lengths.
package enum EpisodeLog {
    package enum Kind: String, Sendable {
        case metrics = "cartpole metrics.csv"
        case monitor = "Stable-Baselines3 monitor.csv"
        case returns = "CSV of episode returns"
        case tensorboard = "TensorBoard event file"
    }

    /// The return tags of the trainers people use, in the order they are looked for: CleanRL's episode
    /// returns, Stable-Baselines3's evaluations, then its rollout mean (a moving mean over 100 episodes).
    package static let knownTags = [ScalarTag.episodicReturn, ScalarTag.evaluationMean, ScalarTag.rolloutMean]

    /// Whether a file is a TensorBoard event file, by its name (`events.out.tfevents.*`).
    package static func isEventFile(_ name: String) -> Bool { name.hasPrefix("events.out.tfevents") }

    /// What the scores of a log are, for a figure's axis, when they are not each episode's return.
    package static let movingMeanLabel = "\(ScalarTag.rolloutMean) (mean of the last 100 episodes)"

    /// What a log holds, read.
    package struct Contents: Sendable {
        package var metrics: TrainingMetrics
        package var kind: Kind
        /// What the scores are when they are not each episode's return (`movingMeanLabel`), else nil.
        package var scores: String?
        /// The tag read, for an event file.
        package var tag: String?
        /// The environment the log names (see `LoggedEnvironment`), nil when it names none.
        package var environment: EnvironmentID?
        /// Where the environment was read: "its first line", "its folder 'NAME'".
        package var environmentSource: String?
    }

    /// The log at `url`, whichever kind it is.
    /// - Parameters:
    ///   - url: a metrics.csv, monitor.csv, TensorBoard event file or CSV of returns;
    ///   - returnColumn: for a CSV of returns, the column to read;
    ///   - folders: how many folders above the log to look at for an environment in their names, never above
    ///     `root`;
    ///   - root: the highest folder to look at;
    ///   - note: hears what the reader passed over (a damaged event file's last records, a moving mean).
    /// - Returns: the episodes' returns (and for a metrics.csv, the updates) with the environment named.
    /// - Throws: `AgentError` for a file that is none of these kinds or is damaged.
    package static func read(
        from url: URL, returnColumn: String? = nil, folders: Int = 2, root: URL? = nil,
        note: (String) -> Void = { _ in }
    ) throws(AgentError) -> Contents {
        var contents = try readContents(from: url, returnColumn: returnColumn, note: note)
        if contents.environment == nil, contents.kind != .metrics,
            let (id, source) = LoggedEnvironment.folders(above: url, levels: folders, root: root)
        {
            contents.environment = try LoggedEnvironment.cartPole(id, source: source, path: url.relativePath)
            contents.environmentSource = source
        }
        // A CartPole return above v0's time limit can only be v1's.
        let limit = Double(EnvironmentID.v0.maxEpisodeSteps)
        if contents.environment == nil, contents.kind != .metrics,
            contents.metrics.scores.contains(where: { $0 > limit })
        {
            contents.environment = .v1
            contents.environmentSource = "its returns (above \(Int(limit)), CartPole-v0's most)"
        }
        return contents
    }

    private static func readContents(
        from url: URL, returnColumn: String?, note: (String) -> Void
    ) throws(AgentError) -> Contents {
        let path = url.relativePath
        if isEventFile(url.lastPathComponent) {
            let (metrics, tag) = try tensorboard(url, tag: returnColumn, note: note)
            return Contents(
                metrics: metrics, kind: .tensorboard, scores: tag == ScalarTag.rolloutMean ? movingMeanLabel : nil,
                tag: tag)
        }
        let data = try FileIO.readText(url, what: "an episode log") { .io(path: path, reason: SettingText($0)) }
        let rows = CSVRows(data)
        guard !rows.isBlank, let first = rows.firstLine else {
            throw AgentError.io(path: path, reason: "the file is empty")
        }
        if first.hasPrefix("#{") {
            let source = "its first line"
            let environment = try LoggedEnvironment.monitorHeader(first).map {
                (id) throws(AgentError) in try LoggedEnvironment.cartPole(id, source: source, path: path)
            }
            return Contents(
                metrics: try episodes(rows, returnColumn: "r", headerLine: 2, path: path), kind: .monitor,
                environment: environment, environmentSource: environment == nil ? nil : source)
        }
        let header = first.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        // A header that starts as ours is a metrics.csv, damaged or not: its own parser says what is wrong.
        if header.first == "frame"
            || Set(header).isSuperset(of: MetricsCSV.header.split(separator: ",").map(String.init))
        {
            return Contents(metrics: try MetricsCSV.decode(data, path: path), kind: .metrics)
        }
        guard let returnColumn else {
            throw AgentError.io(
                path: path,
                reason: "not a cartpole metrics.csv nor a Stable-Baselines3 monitor.csv; "
                    + "for a CSV of episode returns, name its column with \(setting: "return-column") (columns: \(MessageText.shownList(header)))"
            )
        }
        return Contents(
            metrics: try episodes(rows, returnColumn: returnColumn, headerLine: 1, path: path), kind: .returns)
    }

    /// The episodes of a log whose header is on line `headerLine`, one per row after it.
    private static func episodes(_ rows: CSVRows, returnColumn: String, headerLine: Int, path: String)
        throws(AgentError) -> TrainingMetrics
    {
        var header: [String] = []
        var returnIndex = 0
        var lengthIndex: Int?
        var metrics = TrainingMetrics()
        var frame = 0
        try rows.eachRow { row throws(AgentError) in
            guard row.number >= headerLine else { return }
            guard row.number > headerLine else {
                header = row.fields.map { $0.trimmingCharacters(in: .whitespaces) }
                guard let index = header.firstIndex(of: returnColumn) else {
                    throw AgentError.io(
                        path: path,
                        reason:
                            "line \(row.number): no column '\(MessageText.shown(returnColumn))' (columns: \(MessageText.shownList(header)))"
                    )
                }
                returnIndex = index
                lengthIndex = header.firstIndex(of: "l") ?? header.firstIndex(of: "length")
                return
            }
            guard !row.isEmpty else { return }
            func field(_ index: Int) -> String { row.field(index).trimmingCharacters(in: .whitespaces) }
            guard row.count == header.count, let value = Double(field(returnIndex)) else {
                throw AgentError.io(
                    path: path,
                    reason:
                        "line \(row.number): expected \(header.count) fields with a number in '\(MessageText.shown(returnColumn))'"
                )
            }
            guard LoggedValue.isReturn(value) else {
                throw AgentError.io(
                    path: path,
                    reason: "line \(row.number): '\(MessageText.shown(field(returnIndex)))' is not a finite return"
                        + (value.isFinite ? " within \(LoggedValue.returnBound)" : ""))
            }
            if let lengthIndex {
                guard let length = Int(field(lengthIndex)), length >= 0 else {
                    throw AgentError.io(
                        path: path,
                        reason: "line \(row.number): '\(MessageText.shown(field(lengthIndex)))' is not a valid length")
                }
                let (sum, overflow) = frame.addingReportingOverflow(length)
                guard !overflow, LoggedValue.isFrame(sum) else {
                    throw AgentError.io(
                        path: path, reason: "line \(row.number): the lengths add up past any frame count")
                }
                frame = sum
            } else {
                frame += 1
            }
            metrics.rows.append(TrainingMetrics.Row(frame: frame, episode: metrics.rows.count + 1, score: value))
        }
        guard !header.isEmpty else {
            throw AgentError.io(path: path, reason: "line \(headerLine): the header is missing")
        }
        return metrics
    }

    /// The tags of an event file as messages list them.
    private static func listed(_ events: TensorBoardEvents) -> String {
        guard events.moreTags else { return MessageText.shownList(events.tags) }
        return MessageText.shownList(Array(events.tags.prefix(12))) + ", … (more than \(events.tags.count))"
    }

    /// The values of `tag` (else the first known tag the file holds) as one episode each, at its step.
    private static func tensorboard(_ url: URL, tag: String?, note: (String) -> Void) throws(AgentError)
        -> (metrics: TrainingMetrics, tag: String)
    {
        let path = url.relativePath
        let wanted = (tag.map { [$0] } ?? knownTags) + [ScalarTag.tdLoss, ScalarTag.epsilon]
        let events = try TensorBoardEvents.read(from: url, keeping: wanted)
        if let damage = events.damage { note("note: \(path): \(damage); the records before it are used") }
        let tags = events.tags
        guard let chosen = tag ?? knownTags.first(where: { events.scalars[$0] != nil }) else {
            throw AgentError.io(
                path: path,
                reason: tags.isEmpty
                    ? "it holds no scalars" + (events.damage.map { "; \($0)" } ?? "")
                    : "none of the known return tags (\(knownTags.joined(separator: ", "))); name one with \(setting: "return-column") (tags: \(listed(events)))"
                        + (events.damage.map { "; \($0)" } ?? ""))
        }
        guard let scalars = events.scalars[chosen], !scalars.isEmpty else {
            throw AgentError.io(
                path: path,
                reason: "no scalars of tag '\(MessageText.shown(chosen))' (tags: \(listed(events)))")
        }
        if chosen == ScalarTag.rolloutMean {
            note(
                "note: \(path): \(ScalarTag.rolloutMean) is Stable-Baselines3's moving mean of the last 100 episodes, not each episode's return"
            )
        }
        var metrics = TrainingMetrics()
        let shown = MessageText.shown(chosen)
        for scalar in scalars {
            guard LoggedValue.isFrame(scalar.step) else {
                throw AgentError.io(
                    path: path, reason: "'\(shown)' has a value at step \(scalar.step), \(LoggedValue.frameRange)")
            }
            guard LoggedValue.isReturn(scalar.value) else {
                throw AgentError.io(
                    path: path,
                    reason: "'\(shown)' at step \(scalar.step) is \(scalar.value), \(LoggedValue.returnRange)")
            }
            metrics.rows.append(
                TrainingMetrics.Row(frame: Int(scalar.step), episode: metrics.rows.count + 1, score: scalar.value))
        }
        // The loss and epsilon where the file has them (CleanRL's tags, and ours), one row per value, all in
        // order of frame.
        var updates: [TrainingMetrics.Row] = []
        for (name, isLoss) in [(ScalarTag.tdLoss, true), (ScalarTag.epsilon, false)] where name != chosen {
            for scalar in events.scalars[name] ?? [] where LoggedValue.isFrame(scalar.step) {
                updates.append(
                    isLoss
                        ? TrainingMetrics.Row(frame: Int(scalar.step), loss: Float(scalar.value))
                        : TrainingMetrics.Row(frame: Int(scalar.step), epsilon: scalar.value))
            }
        }
        if !updates.isEmpty {
            metrics.rows = (metrics.rows + updates).enumerated().sorted {
                ($0.element.frame, $0.offset) < ($1.element.frame, $1.offset)
            }.map(\.element)
        }
        return (metrics, chosen)
    }
}
