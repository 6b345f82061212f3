import TestSupport
import Foundation
import PSTReader
import MailModel
import Testing
@testable import Ingest

struct NormalizerTests {
    @Test(arguments: [
        ("Jane.Doe@Example.COM", "jane.doe@example.com"), (" <jane@example.com> ", "jane@example.com"),
        ("mailto:Jane@Example.com", "jane@example.com"), ("/O=Org/CN=JDOE", "/o=org/cn=jdoe"),
        ("MAILTO:<Jane@Example.com>", "jane@example.com"), ("\u{0B}jane@example.com\u{0C}", "jane@example.com"),
        ("\u{00A0}jane@example.com\u{2003}", "jane@example.com"),
    ])
    func canonicalAddresses(raw: String, canonical: String) {
        #expect(Normalizer.canonicalAddress(raw) == canonical)
    }

    /// The byte-level shortcut for plain addresses answers as the general path does, or passes.
    @Test func plainAddressShortcutAgreesWithTheGeneralPath() {
        let alphabet = Array("aZ9.@-_+/=o<>\"' \t\u{0B}é\u{00A0}:mailto:O".unicodeScalars)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 1...12, using: &generator) {
                text.append(alphabet.randomElement(using: &generator)!)
            }
            let raw = String(text)
            if let quick = Normalizer.plainAddress(raw) {
                #expect(quick == Normalizer.anyAddress(raw), "\(raw.debugDescription)")
            }
        }
        #expect(Normalizer.plainAddress("jane@example.com") == "jane@example.com")
        #expect(Normalizer.plainAddress("Jane@Example.com") == "jane@example.com")
        #expect(Normalizer.plainAddress("/o=org@x") == nil)
        #expect(Normalizer.plainAddress("Mailto:jane@example.com") == nil)
    }

    @Test func namesAreNotAddresses() {
        #expect(Normalizer.canonicalAddress("Jane Doe") == nil)
        #expect(Normalizer.canonicalAddress("  ") == nil)
        #expect(Normalizer.canonicalAddress(nil) == nil)
    }

    @Test func messageIDsGetOneForm() {
        #expect(Normalizer.messageID(" abc@x ") == "<abc@x>")
        #expect(Normalizer.messageID("<abc@x>") == "<abc@x>")
        #expect(Normalizer.messageID("<>") == nil)
        #expect(Normalizer.messageID("\u{0B}<abc@x>\r\n") == "<abc@x>")
        #expect(Normalizer.messageID("\u{00A0}<abc@x>\u{3000}") == "<abc@x>")
        #expect(Normalizer.messageID("<é@x>") == "<é@x>")
    }

    func item(_ id: UInt32, messageID: String? = nil, subject: String = "Budget", second: Double = 10) -> MailItem {
        MailItem(
            identifier: id, folderPath: "Inbox", kind: .email, messageClass: "IPM.Note", subject: subject,
            sender: Address(name: "Jane", address: "Jane@Example.com"),
            recipients: [Recipient(kind: .to, name: "B", address: "b@example.com"),
                         Recipient(kind: .cc, name: "A", address: "a@example.com")],
            submitTime: Date(timeIntervalSince1970: 1_700_000_040 + second), messageID: messageID)
    }

    @Test func messageIDDecidesWhenPresent() {
        #expect(Normalizer.dedupKey(for: item(1, messageID: "<X@Y>")) == "mid:<x@y>")
        #expect(Normalizer.dedupKey(for: item(1, messageID: "<X@Y>", subject: "other"))
            == Normalizer.dedupKey(for: item(2, messageID: "x@y")))
    }

    @Test func headerHashIgnoresSecondsRecipientOrderAndCase() {
        var reordered = item(2, second: 40)
        reordered.recipients.reverse()
        reordered.subject = "  budget "
        reordered.sender.address = "JANE@example.com"
        #expect(Normalizer.dedupKey(for: item(1)) == Normalizer.dedupKey(for: reordered))
        #expect(Normalizer.dedupKey(for: item(1)).hasPrefix("hdr:"))
    }

    @Test func headerHashSeparatesDifferentMessages() {
        #expect(Normalizer.dedupKey(for: item(1)) != Normalizer.dedupKey(for: item(1, second: 70)))
        #expect(Normalizer.dedupKey(for: item(1)) != Normalizer.dedupKey(for: item(1, subject: "Budget 2")))
    }

    @Test func datesBecomeUTCSeconds() {
        let message = Normalizer.message(item(7, second: 0.9))
        #expect(message.sentAt == 1_700_000_040)
        #expect(message.senderEmail == "jane@example.com")
        #expect(message.recipients.map(\.email) == ["b@example.com", "a@example.com"])
    }
}
