import ArgumentParser
import Foundation
import Store

/// Opens (or creates) the store the options name; a failure is one error line.
func openStore(_ options: StoreOptions) throws -> AnalyticsStore {
    do {
        return try AnalyticsStore(path: options.path)
    } catch {
        throw fail("cannot open store \(options.path): \(error)")
    }
}

func sessionRecord(_ store: AnalyticsStore, _ id: String) throws -> SessionRecord {
    do {
        return try store.sessionRecord(id)
    } catch {
        throw fail("\(store.path): \(error)")
    }
}
