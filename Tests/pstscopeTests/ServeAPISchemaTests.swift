import Foundation
import Testing
import TestSupport

/// schemathesis (from PyPI; `make test` installs it in .build-venv/) against the OpenAPI
/// document the running server serves, on a store of three sample mailboxes (the hostile one
/// included): generated requests, valid and not, for every route but the endless event stream.
/// No 5xx, no response outside the document, no valid request refused, no invalid one accepted,
/// and 405 for any other method.
@Suite struct ServeAPISchemaTests {
    let scratch = Scratch()
    static let schemathesis = SampleCorpus.packageRoot.appendingPathComponent(".build-venv/bin/schemathesis").path
    static let hooks = SampleCorpus.packageRoot.appendingPathComponent("Tests/Scripts").path

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: schemathesis),
                   "schemathesis not installed in .build-venv/ (make test installs it): skipped"))
    func theAPIKeepsToItsDocument() throws {
        let store = scratch.path("store.sqlite")
        for sample in ["gappy", "hostile", "multi-1"] {
            let path = SampleCorpus.packageRoot.appendingPathComponent("samples/\(sample).pst").path
            let result = try Pstscope.run(["import", path, "--store", store, "--custodian", sample, "--quiet"])
            try #require(result.status == 0, "\(result.stderr)")
        }
        let server = try RunningServer(["serve", "--store", store, "--port", "0"], scratch: scratch)
        defer { server.stop() }
        let document = URL(string: "/api/v1/openapi.json", relativeTo: server.base)!.absoluteString
        // Deterministic cases, one worker (the stateful phase varies with more); the hooks put
        // two valid days in order, a rule between parameters that OpenAPI cannot state.
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONPATH"] = Self.hooks
        environment["SCHEMATHESIS_HOOKS"] = "schemathesis_hooks"
        let (status, output) = try ExternalTools.run(
            Self.schemathesis,
            ["run", document, "--checks", "all", "--exclude-path", "/api/v1/events", "--generation-deterministic",
             "--max-examples", "40", "--workers", "1", "--request-timeout", "10", "--no-color"],
            environment: environment)
        #expect(status == 0, "\(output.suffix(6000))")
        #expect(output.contains("passed"), "\(output.suffix(2000))")
    }
}
