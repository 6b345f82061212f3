import Foundation
import Testing
import TestSupport

/// The modules depend on each other one way, as the README's "Layout" table says: every
/// `import` in Sources/ is checked against it.
struct ModuleLayeringTests {
    /// Modules any code may import.
    static let system: Set<String> = ["Foundation", "Dispatch", "Synchronization", "Glibc", "Darwin"]
    static let root = SampleCorpus.packageRoot

    /// module → what it may import, from the README's table rows "| `A` | `B`, `C` |".
    static func allowed() throws -> [String: Set<String>] {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        var table: [String: Set<String>] = [:]
        for line in readme.split(separator: "\n") {
            guard let match = line.wholeMatch(of: /\| `(\w+)` \| ((?:`\w+`(?:, )?)*) ?\|/) else { continue }
            table[String(match.1)] = Set(match.2.matches(of: /`(\w+)`/).map { String($0.1) })
        }
        return table
    }

    /// module → what its files import.
    static func imports() throws -> [String: [(file: String, module: String)]] {
        let sources = root.appendingPathComponent("Sources")
        var found: [String: [(file: String, module: String)]] = [:]
        for module in try FileManager.default.contentsOfDirectory(atPath: sources.path) {
            let enumerator = FileManager.default.enumerator(atPath: sources.appendingPathComponent(module).path)
            while let file = enumerator?.nextObject() as? String {
                guard file.hasSuffix(".swift") else { continue }
                let text = try String(contentsOf: sources.appendingPathComponent("\(module)/\(file)"), encoding: .utf8)
                for line in text.split(separator: "\n") {
                    guard let match = line.wholeMatch(of: /(?:@\w+ )*import (?:\w+ )?(\w+)(?:\.\w+)*/) else { continue }
                    found[module, default: []].append(("\(module)/\(file)", String(match.1)))
                }
            }
        }
        return found
    }

    @Test func everyImportIsOneTheReadmeAllows() throws {
        let allowed = try Self.allowed()
        #expect(allowed.count >= 10, "the README's table was read: \(allowed.keys.sorted())")
        let imports = try Self.imports()
        #expect(imports.values.joined().count > 100, "the sources' imports were read")
        for (module, list) in imports {
            let permitted = try #require(allowed[module], "\(module) is missing from the README's table")
            for entry in list where !Self.system.contains(entry.module) && entry.module != module {
                #expect(permitted.contains(entry.module), "\(entry.file) imports \(entry.module)")
            }
        }
    }

    @Test func theTableHasNoCycle() throws {
        let allowed = try Self.allowed()
        func reaches(_ start: String, _ target: String, _ seen: inout Set<String>) -> Bool {
            for next in allowed[start] ?? [] where seen.insert(next).inserted {
                if next == target || reaches(next, target, &seen) { return true }
            }
            return false
        }
        for module in allowed.keys {
            var seen: Set<String> = []
            #expect(!reaches(module, module, &seen), "\(module) reaches itself")
        }
    }
}
