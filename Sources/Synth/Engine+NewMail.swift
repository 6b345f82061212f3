import MailModel
import PSTWriter

/// New threads: inbound mail from correspondents and automated senders, and the owner's own.
extension Engine {
    /// One new message for a day, of a kind drawn from the day's mix: automated, from a
    /// regular correspondent, from a one-off sender, or the owner's own.
    mutating func original(on day: Day) -> Draft {
        let human = Self.humanShare * humanWeight(day)
        let automated = Self.automatedShare * automatedWeight(day)
        if rng.unit() * (human + automated) < automated { return automatedMessage(on: day) }
        let roll = rng.unit()
        if roll < 0.58 { return inboundMessage(on: day) }
        if roll < 0.65 { return oneOffMessage(on: day) }
        return ownerMessage(on: day)
    }

    mutating func inboundMessage(on day: Day) -> Draft {
        let sender = roster.regulars[roster.regularWeights.pick(&rng)]
        let submit = moment(on: day, of: sender)
        var to = [owner], cc: [Person] = []
        if rng.chance(0.15) {
            to = [rng.pick(roster.colleagues)]
            cc = [owner]
        }
        if rng.chance(0.25) {
            for _ in 0..<(1 + rng.below(2)) { cc.append(rng.pick(roster.colleagues)) }
        }
        let subject = Text.subject(&rng, day: day)
        let draft = newThread(.inbound, sender: sender, to: distinct(to, excluding: [sender.address]),
                              submit: submit, delivery: submit + 1 + Int64(rng.below(90)),
                              subject: subject, folder: inboundFolder(subject))
        draft.cc = distinct(cc, excluding: Set(([sender] + draft.to).map(\.address)))
        decorateHostile(draft, inbound: true)
        return draft
    }

    mutating func oneOffMessage(on day: Day) -> Draft {
        oneOffs += 1
        let sender = roster.oneOff(number: oneOffs, rng: &rng)
        let submit = moment(on: day, of: sender)
        let subject = Text.subject(&rng, day: day)
        let draft = newThread(.oneOff, sender: sender, to: [owner], submit: submit,
                              delivery: submit + 1 + Int64(rng.below(90)), subject: subject, folder: .inbox)
        decorateHostile(draft, inbound: true)
        return draft
    }

    mutating func ownerMessage(on day: Day) -> Draft {
        var to = [roster.regulars[roster.ownerTargetWeights.pick(&rng)]]
        if rng.chance(0.2) { to.append(roster.regulars[roster.ownerTargetWeights.pick(&rng)]) }
        var cc: [Person] = [], bcc: [Person] = []
        if rng.chance(0.3) {
            for _ in 0..<(1 + rng.below(2)) { cc.append(rng.pick(roster.colleagues)) }
        }
        if rng.chance(0.03) { bcc.append(rng.pick(roster.colleagues)) }
        let submit = moment(on: day, of: owner)
        let draft = newThread(.ownerNew, sender: owner, to: distinct(to, excluding: [owner.address]),
                              submit: submit, delivery: submit, subject: Text.subject(&rng, day: day),
                              folder: .sentItems)
        draft.cc = distinct(cc, excluding: Set(([owner] + draft.to).map(\.address)))
        draft.bcc = distinct(bcc, excluding: Set(([owner] + draft.to + draft.cc).map(\.address)))
        decorateHostile(draft, inbound: false)
        return draft
    }

    mutating func automatedMessage(on day: Day) -> Draft {
        let sender = roster.automated[roster.automatedWeights.pick(&rng)]
        let offset: Int64
        var folder = FolderRole.inbox
        switch sender.role {
        case .automated(.newsletter(let hour)):
            offset = Int64(hour * 3600 - 1200 + rng.below(3000))
            if rng.chance(0.12) { folder = .deletedItems }
        case .automated(.receipt):
            offset = Int64(5 * 3600 + rng.below(2 * 3600))
            folder = Folders.receipts
        default:
            offset = Int64(6 * 3600 + rng.below(16 * 3600))
            if rng.chance(0.05) { folder = .deletedItems }
        }
        let submit = day.start + offset
        return newThread(.automated, sender: sender, to: [owner], submit: submit,
                         delivery: submit + 1 + Int64(rng.below(30)),
                         subject: Text.automatedSubject(sender, &rng, day: day), folder: folder)
    }

    /// Who writes monthly, and when: the first and the last workday of each month.
    func monthlySchedule() -> [(day: Day, who: Int)] {
        var list: [(day: Day, who: Int)] = []
        var month = Day(plan.start.year, plan.start.month, 1)
        while month <= plan.end {
            let (y, m, _) = month.civil
            let next = m == 12 ? Day(y + 1, 1, 1) : Day(y, m + 1, 1)
            var first = month, last = next.advanced(by: -1)
            while first < next, !clock.isWorkday(first) { first = first.advanced(by: 1) }
            while last >= month, !clock.isWorkday(last) { last = last.advanced(by: -1) }
            if first < next, plan.days.contains(first) { list.append((first, 0)) }
            if last >= month, plan.days.contains(last) { list.append((last, 1)) }
            month = next
        }
        return list.sorted { ($0.day, $0.who) < ($1.day, $1.who) }
    }

    mutating func monthlyMessage(_ who: Int, on day: Day) -> Draft {
        let sender = roster.monthly[who]
        let subject: String
        let submit: Int64
        if who == 0 {
            let previous = day.advanced(by: -day.civil.day)
            subject = "Monthly compliance report – \(Names.months[previous.month - 1]) \(previous.year)"
            submit = sender.zone.instant(day, secondsAfterMidnight: 9 * 3600 + Int64(rng.below(2400)))
        } else {
            subject = "Facilities update for \(Names.months[day.month - 1]) \(day.year)"
            submit = sender.zone.instant(day, secondsAfterMidnight: 15 * 3600 + 1800 + Int64(rng.below(3600)))
        }
        return newThread(.monthly, sender: sender, to: [owner], submit: submit,
                         delivery: submit + 1 + Int64(rng.below(60)), subject: subject, folder: .inbox)
    }

    mutating func inboundFolder(_ subject: String) -> FolderRole {
        if subject.contains("Falcon"), rng.chance(0.6) { return Folders.project }
        if rng.chance(0.015) { return .deletedItems }
        if plan.hostile, rng.chance(0.04) { return Folders.hostile }
        return .inbox
    }

    /// In the hostile mailbox, new human mail often carries hostile text (every kind within
    /// the first dozen), and every 25th inbound message has no dates.
    mutating func decorateHostile(_ draft: Draft, inbound: Bool) {
        guard plan.hostile else { return }
        let kinds = Hostile.Kind.allCases
        if hostileSubjects < kinds.count || rng.chance(0.3) {
            draft.subject = Hostile.subject(kinds[hostileSubjects % kinds.count])
            draft.threadSubject = draft.subject
            draft.hostileBody = kinds[(hostileSubjects * 5 + 3) % kinds.count]
            hostileSubjects += 1
        }
        if inbound {
            inboundOriginals += 1
            if inboundOriginals % 25 == 4 { draft.undated = true }
        }
    }

    /// The first message of a thread: a fresh conversation-index header with its own GUID.
    mutating func newThread(_ origin: Draft.Origin, sender: Person, to: [Person], submit: Int64,
                            delivery: Int64, subject: String?, folder: FolderRole) -> Draft {
        numbers += 1
        let draft = Draft(
            number: numbers, origin: origin, submit: submit, delivery: delivery, sender: sender, to: to,
            messageID: messageID(sender, numbers),
            conversationIndex: ConversationIndex.header(rootTime: submit, guid: rng.bytes(16)),
            threadStart: submit, folder: folder)
        draft.subject = subject
        draft.threadSubject = subject
        return draft
    }

    /// `<random.number@mail.domain>`: the message number makes it unique, the random part
    /// makes different seeds share none.
    mutating func messageID(_ sender: Person, _ number: Int) -> String {
        "<\(rng.hex(16)).\(String(number, radix: 36))@mail.\(sender.domain)>"
    }
}
