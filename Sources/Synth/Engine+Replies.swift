import PSTWriter

/// Answers, timed in working hours.
extension Engine {
    /// Human mail may be answered: correspondents answer the owner, the owner answers
    /// colleagues and regular correspondents (less often when only copied), each turn less
    /// likely than the last. Automated and one-off senders are never answered, nor undated mail.
    mutating func planReply(to parent: Draft) {
        guard !parent.undated, parent.depth < 5 else { return }
        let decay = [1.0, 0.6, 0.45, 0.3, 0.2][parent.depth]
        let cc: [Person]
        let reply: Draft
        if parent.isFromOwner {
            guard let replier = parent.to.first, isRegular(replier),
                  rng.chance(replier.repliesToOwner * decay) else { return }
            let delay = min(max(rng.logNormal(median: replier.replyMedian, sigma: 1.1), 120), 3 * 8 * 3600)
            let submit = clock.advance(parent.delivery, by: Int64(delay), hours: replier.hours, zone: replier.zone)
            cc = rng.chance(0.5) ? parent.to + parent.cc : []
            reply = newReply(.correspondentReply, to: parent, sender: replier, recipient: owner, submit: submit,
                             delivery: submit + 1 + Int64(rng.below(60)))
        } else {
            let sender = parent.sender
            guard isRegular(sender) else { return }
            let direct = parent.to.contains { $0.address == owner.address }
            guard rng.chance(sender.ownerReplies * decay * (direct ? 1 : 0.3)) else { return }
            let delay = min(max(rng.logNormal(median: 2400, sigma: 1.2), 60), 2 * 9.5 * 3600)
            var submit = clock.advance(parent.delivery, by: Int64(delay), hours: owner.hours, zone: owner.zone)
            // Mail lost in a gap is sometimes answered only after it (a slow answer): what real
            // loss leaves behind, a reply whose parent the archive does not hold.
            if let gap = plan.gap(containing: plan.day(containing: parent.delivery)),
               gap.contains(plan.day(containing: submit)), rng.chance(Self.lateAnswerChance) {
                let after = clock.nextWorkday(after: gap.upperBound)
                submit = clock.advance(owner.zone.instant(after, secondsAfterMidnight: 0), by: Int64(delay),
                                       hours: owner.hours, zone: owner.zone)
            }
            cc = rng.chance(0.4) ? parent.to + parent.cc : []
            reply = newReply(.ownerReply, to: parent, sender: owner, recipient: sender, submit: submit, delivery: submit)
        }
        reply.cc = distinct(cc, excluding: [owner.address, reply.sender.address, reply.to[0].address])
        repliesPlanned += 1
        schedule(reply)
    }

    /// Of the owner's answers to mail lost in a gap that would fall inside it, the share that
    /// comes after the gap instead.
    static let lateAnswerChance = 0.25

    func isRegular(_ person: Person) -> Bool {
        switch person.role {
        case .colleague, .external: true
        default: false
        }
    }

    /// A reply in the parent's thread: "RE: " subject, In-Reply-To and References, and the
    /// parent's conversation index extended by one response level.
    mutating func newReply(_ origin: Draft.Origin, to parent: Draft, sender: Person, recipient: Person,
                           submit: Int64, delivery: Int64) -> Draft {
        numbers += 1
        let index = ConversationIndex.reply(
            to: parent.conversationIndex, rootTime: parent.threadStart, time: submit, random: UInt8(rng.below(16)))
        let folder: FolderRole
        if origin == .ownerReply {
            folder = .sentItems
        } else if parent.folder == Folders.project || (parent.threadSubject ?? "").contains("Falcon") {
            folder = Folders.project
        } else {
            folder = .inbox
        }
        let draft = Draft(
            number: numbers, origin: origin, submit: submit, delivery: delivery, sender: sender, to: [recipient],
            messageID: messageID(sender, numbers), conversationIndex: index, threadStart: parent.threadStart,
            folder: folder)
        draft.threadSubject = parent.threadSubject
        draft.subject = "RE: " + (parent.threadSubject ?? "")
        draft.parent = .init(messageID: parent.messageID, submit: parent.submit, present: parent.inMailbox,
                             sender: parent.sender,
                             lostIn: parent.inMailbox ? nil : plan.loss(containing: plan.day(containing: parent.delivery)))
        draft.references = parent.references + [parent.messageID]
        draft.depth = parent.depth + 1
        return draft
    }
}
