import MailModel

/// Accumulates what the truth says about the mailbox as a whole (files, contacts, gaps) while
/// messages stream past; it never keeps the messages themselves.
struct TruthRecorder {
    let plan: Plan
    let seed: UInt64
    let owner: Person
    let fileNames: [String]
    private var fileCounts: [Int]
    private var firstDays: [Day?]
    private var lastDays: [Day?]
    private var contacts: [String: Truth.Contact] = [:]
    private(set) var messageCount = 0
    private(set) var replyPairCount = 0

    init(plan: Plan, seed: UInt64, owner: Person, fileNames: [String]) {
        self.plan = plan
        self.seed = seed
        self.owner = owner
        self.fileNames = fileNames
        fileCounts = Array(repeating: 0, count: plan.files.count)
        firstDays = Array(repeating: nil, count: plan.files.count)
        lastDays = Array(repeating: nil, count: plan.files.count)
    }

    mutating func record(_ message: Generated) {
        messageCount += 1
        if message.replyPair != nil { replyPairCount += 1 }
        let day = message.spec.deliveryTime.map { plan.day(containing: Int64($0.timeIntervalSince1970)) }
        for file in message.files {
            fileCounts[file] += 1
            if let day {
                firstDays[file] = min(firstDays[file] ?? day, day)
                lastDays[file] = max(lastDays[file] ?? day, day)
            }
        }
        if message.sender.address == owner.address {
            for person in message.recipients { contacts[person.address, default: Self.contact(person)].receivedFromOwner += 1 }
        } else {
            contacts[message.sender.address, default: Self.contact(message.sender)].sentToOwner += 1
        }
    }

    private static func contact(_ person: Person) -> Truth.Contact {
        Truth.Contact(address: person.address, name: person.name, sentToOwner: 0, receivedFromOwner: 0,
                      classification: person.classification, timezone: person.zone.identifier)
    }

    var files: [Truth.File] {
        plan.files.indices.map {
            Truth.File(index: $0, name: fileNames[$0], firstDate: firstDays[$0]?.description,
                       lastDate: lastDays[$0]?.description, messageCount: fileCounts[$0])
        }
    }

    var contactList: [Truth.Contact] { contacts.values.sorted { $0.address < $1.address } }

    var gaps: [Truth.Gap] {
        let runs = plan.gaps.map { ($0, "gap") } + plan.leave.map { ($0, "leave") }
            + plan.inboundGaps.map { ($0, "inbound") } + plan.uncovered.map { ($0, "uncovered") }
        return runs.sorted { $0.0.lowerBound < $1.0.lowerBound }.map { range, kind in
            Truth.Gap(start: range.lowerBound.description, end: range.upperBound.description, kind: kind,
                      businessDays: plan.calendar.businessDays(range))
        }
    }

    /// The address book the files carry.
    var contactItems: [Truth.ContactItem] = []

    var ownerParty: Truth.Party {
        Truth.Party(name: owner.name, address: owner.address, timezone: owner.zone.identifier)
    }

    var summary: TruthSummary {
        TruthSummary(files: files, messageCount: messageCount, replyPairCount: replyPairCount,
                     contactCount: contacts.count, gaps: gaps)
    }

    func truth(messages: [Truth.Message], replyPairs: [Truth.ReplyPair]) -> Truth {
        Truth(scenario: plan.scenario.name, seed: seed, owner: ownerParty, files: files, messages: messages,
              contacts: contactList, contactItems: contactItems, replyPairs: replyPairs, gaps: gaps)
    }
}
