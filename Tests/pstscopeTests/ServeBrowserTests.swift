import Foundation
import Testing
import TestSupport

/// `pstscope serve` in headless Chromium driven by Selenium, on the demo store (the hostile
/// mailbox included): autocomplete to a contact, a custodian's date range, a gap, a message
/// search, the live panel during an import in another process, and no script but the server's
/// own on any page. The checks are in Tests/Scripts/serve_browser.py, which works out each
/// expected figure from the command line or the store's rows.
@Suite(.serialized) struct ServeBrowserTests {
    let scratch = Scratch()
    static let script = SampleCorpus.packageRoot.appendingPathComponent("Tests/Scripts/serve_browser.py").path

    @Test(.enabled(if: ExternalTools.python(with: "selenium") != nil && ExternalTools.path("chromedriver") != nil,
                   "python3-selenium or chromium-driver not installed (make test installs them): skipped"))
    func theDashboardInABrowser() throws {
        let demo = scratch.path("demo")
        let made = try Pstscope.run(["demo", "--out", demo])
        try #require(made.status == 0, "\(made.stderr)")
        let extra = scratch.path("extra.pst")
        let synth = try Pstscope.run(["synth", "--out", extra, "--scenario", "steady", "--messages", "6000", "--seed", "23"])
        try #require(synth.status == 0, "\(synth.stderr)")
        let store = "\(demo)/pstscope.sqlite"
        let server = try RunningServer(["serve", "--store", store, "--port", "0"], scratch: scratch)
        defer { server.stop() }
        let python = try #require(ExternalTools.python(with: "selenium"))
        let (status, output) = try ExternalTools.run(
            python, [Self.script, server.base.absoluteString, store, Pstscope.binary, extra])
        #expect(status == 0, "\(output)")
        let passed = output.split(separator: "\n").filter { $0.hasPrefix("ok ") }
        #expect(passed.count == 12, "\(output)")
        #expect(!server.log().contains("?"), "the request log holds no query string")
    }
}
