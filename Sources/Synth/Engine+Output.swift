import Foundation
import MailModel
import PSTWriter

/// Turning a draft into what the writer stores and what the truth records.
extension Engine {
    func build(_ draft: Draft) -> Generated {
        // Bodies and attachments come from the message's own stream.
        var local = SeededRandom.derived(seed: seed, stream: UInt64(draft.number))
        let body: String?
        if let kind = draft.hostileBody {
            body = Hostile.body(kind)
        } else if draft.isAutomated {
            body = Text.automatedBody(from: draft.sender, subject: draft.subject ?? "", &local)
        } else if let parent = draft.parent {
            body = Text.replyBody(from: draft.sender, parentSender: parent.sender, parentTime: parent.submit, &local)
        } else {
            body = Text.body(from: draft.sender, to: draft.to.first?.name, &local)
        }
        var attachments: [AttachmentSpec] = []
        if !draft.isAutomated, local.chance(0.04) {
            var name = local.pick(["minutes.txt", "figures.csv", "agenda.txt"])
            if plan.hostile, local.chance(0.5) {
                name = local.pick(["report\u{202E}fdp.exe", "<script>alert(1)</script>.txt", "=cmd.csv", "📎 notes.txt"])
            }
            var text = ""
            for row in 0..<(5 + local.below(60)) { text += "\(row),\(local.pick(Text.sentences))\r\n" }
            attachments.append(AttachmentSpec(filename: name, data: Array(text.utf8)))
        }

        var recipients: [RecipientSpec] = []
        for (kind, person) in draft.recipients {
            let name: String? = plan.hostile && local.chance(0.08) ? nil : person.name
            recipients.append(RecipientSpec(kind: kind, name: name, address: person.address))
        }
        // A few colleagues' new threads are meeting requests (not in `large`, kept to plain mail).
        var messageClass = "IPM.Note"
        if case .colleague = draft.sender.role, draft.parent == nil, plan.scenario != .large, local.chance(0.04) {
            messageClass = "IPM.Schedule.Meeting.Request"
        }
        let submit = draft.undated ? nil : Date(timeIntervalSince1970: TimeInterval(draft.submit))
        let delivery = draft.undated ? nil : Date(timeIntervalSince1970: TimeInterval(draft.delivery))
        let spec = MessageSpec(
            messageClass: messageClass, subject: draft.subject, senderName: draft.sender.name, senderAddress: draft.sender.address,
            recipients: recipients, submitTime: submit, deliveryTime: delivery, messageID: draft.messageID,
            inReplyTo: draft.parent?.messageID, references: draft.references,
            conversationIndex: draft.conversationIndex, body: body, attachments: attachments,
            extraHeaders: draft.sender.extraHeaders,
            dateOffsetMinutes: Int(draft.sender.zone.offset(at: draft.submit) / 60))

        let files = plan.fileIndexes(on: plan.day(containing: draft.delivery))
        let folder = plan.filing(draft.folder, deliveredAt: draft.delivery)
        let record = Truth.Message(
            files: files, folder: Folders.name(folder), messageID: draft.messageID,
            inReplyTo: draft.parent?.messageID, references: draft.references,
            conversationIndex: ConversationIndex.hex(draft.conversationIndex), subject: draft.subject,
            senderAddress: draft.sender.address, senderName: draft.sender.name,
            recipients: recipients.map { Truth.Recipient(kind: $0.kind.truthName, name: $0.name, address: $0.address) },
            submitTime: draft.undated ? nil : iso8601(draft.submit),
            deliveryTime: draft.undated ? nil : iso8601(draft.delivery),
            automated: draft.isAutomated, attachments: attachments.map(\.filename), messageClass: messageClass,
            parentLostInGap: draft.parent?.lostIn?.lowerBound.description)
        var pair: Truth.ReplyPair?
        if let parent = draft.parent, parent.present {
            pair = Truth.ReplyPair(
                parentMessageID: parent.messageID, replyMessageID: draft.messageID, replier: draft.sender.address,
                delaySeconds: Int(draft.submit - parent.submit))
        }
        return Generated(
            files: files, folder: folder, spec: spec, record: record, replyPair: pair, sender: draft.sender,
            recipients: distinct(draft.recipients.map(\.1), excluding: [owner.address]))
    }
}

extension RecipientSpec.Kind {
    var truthName: String {
        switch self {
        case .to: "to"
        case .cc: "cc"
        case .bcc: "bcc"
        }
    }
}
