import ArgumentParser
import Dispatch
import Foundation
import Server
import Store
import Synchronization

extension Pstscope {
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Browse the store in a web browser: the overview page and a JSON API.",
            discussion: """
                Opens the store read-only: imports in other processes may go on writing to it. Serves on \
                127.0.0.1 (this machine only) unless --host says otherwise; any other host needs --token-file, \
                a file only its owner can read whose first line is the secret every request must carry (as \
                `Authorization: Bearer …`, or through the login page). The API is described at /api/v1/openapi.json. \
                Each request is logged on standard error, without its query string.
                """)

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "The address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "The port (0: any free port; the address is printed once listening).")
        var port = 8080

        @Option(help: "A file holding the access token (required for a --host other than loopback).")
        var tokenFile: String?

        func run() throws {
            let settings: ServerSettings
            do {
                settings = try ServerSettings(host: host, port: port, token: try tokenFile.map(AccessToken.init(file:)))
            } catch {
                throw fail(error.description)
            }
            let store: AnalyticsStore
            do { store = try AnalyticsStore(readingOnly: storeOptions.path) } catch { throw fail("\(storeOptions.path): \(error)") }
            let server: DashboardServer
            do { server = try DashboardServer(settings: settings, store: store, templates: try templatesDirectory()) }
            catch let error as ServerStartError { throw fail(error.description) }
            // What the server task ended with, read once it has signalled.
            let failure = Mutex<String?>(nil)
            let done = DispatchSemaphore(value: 0)
            Task {
                do {
                    try await server.run { address in
                        // Written at once, not buffered: a script waits for this line to find the port.
                        FileHandle.standardOutput.write(Data("pstscope: serving \(storeOptions.path) at \(address) (Ctrl-C stops)\n".utf8))
                    }
                } catch {
                    failure.withLock { $0 = String(describing: error) }
                }
                done.signal()
            }
            done.wait()
            if let failure = failure.withLock({ $0 }) { throw fail("cannot serve on \(host):\(port): \(failure)") }
        }
    }
}
