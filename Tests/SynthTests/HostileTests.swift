import Foundation
import PSTWriter
import Testing
@testable import Synth

@Suite struct HostileTests {
    let mailbox = Mailbox.hostile

    var subjects: [String?] { mailbox.messages.map(\.subject) }
    var names: [String] {
        mailbox.messages.compactMap(\.senderName) + mailbox.messages.flatMap { $0.recipients.compactMap(\.name) }
    }
    var bodies: [String?] { mailbox.messages.map(\.body) }

    static func hasRightToLeft(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x0590...0x06FF).contains($0.value) || $0.value == 0x202E }
    }

    static func hasEmoji(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.isEmojiPresentation }
    }

    @Test func subjectsCarryEveryHostileKind() {
        let present = subjects.compactMap { $0 }
        #expect(present.contains { $0.contains("<script>") })
        #expect(present.contains { $0.contains("<b>") && $0.contains("&") })
        for prefix in ["=", "+", "-", "@"] {
            #expect(present.contains { $0.hasPrefix(prefix) }, "\(prefix)")
        }
        #expect(present.contains(where: Self.hasRightToLeft))
        #expect(present.contains(where: Self.hasEmoji))
        #expect(present.contains { $0.count >= 5_000 })
        #expect(present.contains { $0.unicodeScalars.contains { $0.value == 0x200B } })
        #expect(present.contains(""))
        #expect(subjects.contains { $0 == nil })
        // Replies keep the hostile text after "RE: ".
        #expect(present.contains { $0.hasPrefix("RE: <script>") || $0.hasPrefix("RE: =") })
    }

    @Test func namesCarryHostileText() {
        #expect(names.contains { $0.contains("<script>") })
        for prefix in ["=", "+", "-", "@"] { #expect(names.contains { $0.hasPrefix(prefix) }, "\(prefix)") }
        #expect(names.contains(where: Self.hasRightToLeft))
        #expect(names.contains(where: Self.hasEmoji))
        #expect(names.contains { $0.count >= 5_000 })
        #expect(mailbox.messages.contains { $0.senderName == "" })
        #expect(mailbox.messages.contains { $0.recipients.contains { $0.name == nil } })
        // Addresses stay plain SMTP.
        for message in mailbox.messages {
            for address in [message.senderAddress!] + message.recipients.map(\.address) {
                #expect(address.allSatisfy { $0.isASCII && !$0.isWhitespace } && address.contains("@"))
            }
        }
    }

    @Test func bodiesAndAttachmentsCarryHostileText() {
        let present = bodies.compactMap { $0 }
        #expect(present.contains { $0.contains("<script>") })
        #expect(present.contains { $0.contains("onerror=") })
        #expect(present.contains { $0.hasPrefix("=") })
        #expect(present.contains(where: Self.hasRightToLeft))
        #expect(present.contains(where: Self.hasEmoji))
        #expect(present.contains { $0.utf8.count > 8_192 })
        #expect(present.contains(""))
        #expect(bodies.contains { $0 == nil })
        let attachmentNames = mailbox.messages.flatMap { $0.attachments.map(\.filename) }
        #expect(attachmentNames.contains { Self.hasRightToLeft($0) || $0.hasPrefix("=") || $0.contains("<") })
        #expect(mailbox.synthesizer.folders.contains(.other(["Projects", Hostile.folderName])))
        #expect(mailbox.deliveries.contains { $0.folder == .other(["Projects", Hostile.folderName]) })
    }

    @Test func someMessagesAreUndated() {
        let undated = mailbox.messages.filter { $0.submitTime == nil }
        #expect(undated.count >= 5)
        #expect(undated.allSatisfy { $0.deliveryTime == nil })
        let records = mailbox.truth.messages.filter { $0.submitTime == nil }
        #expect(records.count == undated.count)
        #expect(records.allSatisfy { $0.deliveryTime == nil })
        // Nobody answers a message that has no date, so no delay is ever undefined.
        let undatedIDs = Set(undated.map(\.messageID))
        #expect(!mailbox.messages.contains { undatedIDs.contains($0.inReplyTo) })
        #expect(mailbox.messages.count - undated.count > 500)
    }

    @Test func truthKeepsHostileTextVerbatim() throws {
        let decoded = try JSONDecoder().decode(Truth.self, from: try mailbox.truth.jsonData())
        #expect(decoded == mailbox.truth)
        for (record, message) in zip(mailbox.truth.messages, mailbox.messages) {
            #expect(record.subject == message.subject)
            #expect(record.senderName == message.senderName)
            #expect(record.recipients.map(\.name) == message.recipients.map(\.name))
        }
    }
}
