import Foundation

/// The truth file's exact bytes. Top-level keys are written by hand in sorted order so the two
/// long lists can be streamed in between; every element is encoded with sorted keys, one per
/// line. The in-memory and the streamed truth go through this same code, so they are identical.
enum TruthJSON {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Writes the document to `out`. `messages` and `replyPairs` write their own array bodies
    /// (see `ArrayBody`), so they can come from spool files.
    static func write(
        scenario: String, seed: UInt64, owner: Truth.Party, files: [Truth.File], contactItems: [Truth.ContactItem],
        contacts: [Truth.Contact], gaps: [Truth.Gap], to out: (Data) throws -> Void,
        messages: () throws -> Void, replyPairs: () throws -> Void
    ) throws {
        let encoder = encoder()
        func array<T: Encodable>(_ items: [T]) throws {
            var body = ArrayBody()
            for item in items { try out(body.element(try encoder.encode(item))) }
        }
        try out(Data("{\"contact_items\":[".utf8))
        try array(contactItems)
        try out(Data("\n],\"contacts\":[".utf8))
        try array(contacts)
        try out(Data("\n],\"files\":[".utf8))
        try array(files)
        try out(Data("\n],\"gaps\":[".utf8))
        try array(gaps)
        try out(Data("\n],\"messages\":[".utf8))
        try messages()
        try out(Data("\n],\"owner\":".utf8))
        try out(try encoder.encode(owner))
        try out(Data(",\"reply_pairs\":[".utf8))
        try replyPairs()
        try out(Data("\n],\"scenario\":".utf8))
        try out(try encoder.encode(scenario))
        try out(Data(",\"seed\":\(seed)}\n".utf8))
    }

    /// The inside of a JSON array, one element per line.
    struct ArrayBody {
        private var count = 0

        mutating func element(_ json: Data) -> Data {
            defer { count += 1 }
            return Data((count == 0 ? "\n" : ",\n").utf8) + json
        }
    }
}

extension Truth {
    /// The truth file's bytes: the same as `Synthesizer.generate(truthPath:into:)` writes.
    public func jsonData() throws -> Data {
        var data = Data()
        try TruthJSON.write(
            scenario: scenario, seed: seed, owner: owner, files: files, contactItems: contactItems, contacts: contacts,
            gaps: gaps,
            to: { data.append($0) },
            messages: {
                var body = TruthJSON.ArrayBody()
                for message in messages { data.append(body.element(Data(message.jsonBytes))) }
            },
            replyPairs: {
                var body = TruthJSON.ArrayBody()
                for pair in replyPairs { data.append(body.element(Data(pair.jsonBytes))) }
            })
        return data
    }
}
