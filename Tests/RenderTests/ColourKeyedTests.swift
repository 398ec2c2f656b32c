import Testing

@testable import Render

/// A variant's colour follows its name: the first name always has its own, later ones theirs unless an
/// earlier name took it, and no two names of a figure share one.
@Suite struct ColourKeyedTests {
    @Test func aNameKeepsItsColourAndNamesDoNotShareOne() {
        let names = ["n-step=1", "n-step=3", "time-limit=bootstrap", "dueling"]
        let colours = Colour.keyed(names)
        #expect(Set(colours.map { "\($0)" }).count == 4, "four names, four colours")
        #expect(colours.allSatisfy { Colour.okabeIto.prefix(4).contains($0) })
        for name in names {
            let alone = Colour.keyed([name])[0]
            #expect(Colour.keyed([name] + names.filter { $0 != name })[0] == alone, "\(name) first keeps its own")
        }
        let many = Colour.keyed((1...9).map { "v\($0)" })
        #expect(Set(many.prefix(8).map { "\($0)" }).count == 8, "eight colours before any is used twice")
    }
}
