import Foundation
import Store

/// A filter that names nothing in the store is the user's mistake, not an empty result: it
/// gets one error line naming it (and the custodians there are, when few enough to list).
enum Filters {
    static let listedCustodians = 12

    static func requireCustodian(_ name: String?, in store: AnalyticsStore) throws {
        guard let name else { return }
        let known: [String]
        do { known = try store.custodians() } catch { throw fail("\(store.path): \(error)") }
        guard !known.contains(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) else { return }
        let listing = switch known.count {
        case 0: "it has none yet (import some PSTs first)"
        case ...listedCustodians: "its custodians: " + known.joined(separator: ", ")
        default: "it has \(known.count) custodians (see `pstscope sessions`)"
        }
        throw fail("no custodian \"\(name)\" in \(store.path): \(listing)")
    }
}
