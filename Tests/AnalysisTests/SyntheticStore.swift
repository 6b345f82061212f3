import Foundation
import Ingest
import MailModel
import PSTWriter
import Store
import Synth
import TestSupport
@testable import Analysis

/// A generated mailbox written as PSTs, imported into a fresh store and analysed, with its
/// ground truth.
struct SyntheticStore {
    let scratch: Scratch
    let store: AnalyticsStore
    let truth: Truth
    let zones: MailboxZones

    init(_ scenario: Scenario, messages: Int? = nil, seed: UInt64, timezone: String? = nil,
         settings: TimelineSettings = TimelineSettings()) throws {
        var synth = Synthesizer(scenario: scenario, messages: messages, seed: seed,
                                timezone: timezone.flatMap { Zone(identifier: $0) })
        synth.outputName = "\(scenario.name).pst"
        let scratch = Scratch()
        self.scratch = scratch
        let paths = synth.fileNames.map { scratch.path($0) }
        let writers = try paths.map { try PSTWriter(path: $0, displayName: synth.owner.name) }
        truth = try synth.generate { file, folder, message in try writers[file].add(message, to: folder) }
        for writer in writers { try writer.finish() }
        let store = try AnalyticsStore(path: scratch.path("store.sqlite"))
        self.store = store
        _ = try Importer(store: store, options: ImportOptions(paths: paths)).run()
        let zones = try ZoneAnalysis.recompute(store, settings: settings)
        self.zones = zones
        _ = try TimelineAnalysis.recompute(store, settings: settings, zones: zones)
        _ = try SenderAnalysis.recompute(store, settings: settings, zones: zones)
    }

    var mailbox: TimelineEntityRecord {
        get throws { try store.timeline(TimelineQuery(contact: "")).first! }
    }

    /// Every analysed entity with all its gaps.
    var entities: [TimelineEntityRecord] {
        get throws { try store.timeline(TimelineQuery()) }
    }
}

extension Truth.Gap {
    var days: ClosedRange<String> { start...end }
}
