import Foundation
import TestSupport
import Testing

/// The library modules are formatted by the project's rules and four more (every public declaration
/// documented, no force unwrap, no force try, documentation comments that match their declarations): one
/// file, `Sources/library.swift-format`, which each library module's `.swift-format` links to.
@Suite struct FormatRulesTests {
    static let libraryModules = ["Agent", "FileFormats", "OutputFiles", "Render", "CartPoleKit", "NetworkKernels"]
    static let stricter = [
        "AllPublicDeclarationsHaveDocumentation", "NeverForceUnwrap", "NeverUseForceTry",
        "ValidateDocumentationComments",
    ]

    func configuration(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: Fixtures.packageRoot.appendingPathComponent(path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func theLibraryRulesAreTheProjectsAndFourMore() throws {
        var project = try configuration(".swift-format")
        var library = try configuration("Sources/library.swift-format")
        var projectRules = try #require(project.removeValue(forKey: "rules") as? [String: Bool])
        let libraryRules = try #require(library.removeValue(forKey: "rules") as? [String: Bool])
        func text(_ object: [String: Any]) throws -> Data {
            try JSONSerialization.data(withJSONObject: object, options: .sortedKeys)
        }
        #expect(try text(project) == text(library), "the same settings but the rules")
        for rule in Self.stricter {
            #expect(projectRules[rule] == false && libraryRules[rule] == true, "\(rule)")
            projectRules[rule] = true
        }
        #expect(projectRules == libraryRules)
        for module in Self.libraryModules {
            let link = Fixtures.packageRoot.appendingPathComponent("Sources/\(module)/.swift-format").path
            #expect(
                try FileManager.default.destinationOfSymbolicLink(atPath: link) == "../library.swift-format",
                "\(module)")
        }
    }
}
