import Foundation
import TestSupport
import Testing

/// Chromium, where it is installed, opens both reports: every video and image loads, each episode video
/// with its duration (scripts/check-report-in-chromium). Where it is not, the test says it is skipped.
@Suite(
    .enabled(
        if: ["/usr/bin/chromium", "/usr/bin/chromium-browser"].contains {
            FileManager.default.isExecutableFile(atPath: $0)
        },
        "Chromium is not installed (apt-get install chromium): the reports are not opened in a browser"))
struct ReportInChromiumTests {
    func check(_ folder: URL) throws -> ProcessResult {
        try runProcess(
            "/bin/bash",
            [Fixtures.packageRoot.appendingPathComponent("scripts/check-report-in-chromium").path, folder.path])
    }

    @Test func everyVideoAndImageOfBothReportsLoads() throws {
        let folder = try Fixtures.temporaryDirectory("reports")
        let run = folder.appendingPathComponent("run")
        let trained = try cartpole(
            "run", "--frames", "600", "--hidden", "16", "--episodes", "2", "--size", "160x120", "--eval-every", "200",
            "--out", run.path)
        try #require(trained.status == 0, "\(trained.stderr)")
        let runReport = try check(run)
        #expect(runReport.status == 0, "\(runReport.stdout)\(runReport.stderr)")
        #expect(runReport.stdout.contains("ok      video rl-video-episode-1.mp4"))
        #expect(runReport.stdout.contains("ok      video training-progress.mp4"))
        #expect(runReport.stdout.contains("ok      image training.png"))

        let compare = folder.appendingPathComponent("compare")
        let compared = try cartpole(
            "compare", "--vary", "n-step=1,3", "--seeds", "2", "--frames", "400", "--hidden", "8", "--eval-every",
            "200", "--eval-episodes", "2", "--out", compare.path)
        try #require(compared.status == 0, "\(compared.stderr)")
        let compareReport = try check(compare)
        #expect(compareReport.status == 0, "\(compareReport.stdout)\(compareReport.stderr)")
        #expect(compareReport.stdout.contains("ok      video compare-grid.mp4"))

        // A report whose files are gone is failed, naming them.
        try FileManager.default.removeItem(at: compare.appendingPathComponent("compare.png"))
        let broken = try check(compare)
        #expect(broken.status != 0 && broken.stdout.contains("FAILED  image compare.png"))
    }
}
