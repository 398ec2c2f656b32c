import Agent
import ArgumentParser
import Testing

@testable import CartPoleCLI

/// An on/off setting is an option without a value: parsed from `--name` or `--no-name` as the setting's
/// `true` or `false`, which the setting reads back.
@Suite struct OnOffOptionTests {
    struct Fixture: SettingsRoot {
        var width = 8
        var shuffled = false
        static let settings = OnOffOptionTests.settings
        static let settingsNoun = "fixture"
    }

    struct Options: ParsableArguments {
        @Option var width: String?
        @Flag(inversion: .prefixedNo) var shuffled: Bool?
    }

    static let settings: [Setting<Fixture>] = [
        .count("width", \.width, 1...64, label: "width", help: "Cells."),
        .flag("shuffled", \.shuffled, label: "shuffled", help: "Shuffle.", introduced: 2),
    ]

    @Test func onOffOptionsAreReadWithoutAValue() throws {
        #expect(
            TrainingOptions.given(in: try Options.parse(["--width", "5", "--no-shuffled"])) == [
                "width": "5", "shuffled": "false",
            ])
        #expect(TrainingOptions.given(in: try Options.parse(["--shuffled"])) == ["shuffled": "true"])
        #expect(TrainingOptions.given(in: try Options.parse([])).isEmpty, "an option not given keeps the default")
        let fixture = try Fixture(
            settings: TrainingOptions.given(in: try Options.parse(["--shuffled", "--width", "3"])))
        #expect(fixture.width == 3 && fixture.shuffled)
    }
}
