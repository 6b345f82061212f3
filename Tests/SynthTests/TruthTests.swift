import Foundation
import PSTWriter
import Testing
@testable import Synth

/// The truth must agree with the messages it describes, in every scenario.
@Suite struct TruthTests {
    @Test(arguments: Mailbox.all.indices)
    func truthRecordsMatchTheMessages(_ index: Int) {
        let mailbox = Mailbox.all[index]
        let messages = mailbox.messages
        #expect(messages.count == mailbox.truth.messages.count)
        for (record, message) in zip(mailbox.truth.messages, messages) {
            #expect(record.messageID == message.messageID)
            #expect(record.inReplyTo == message.inReplyTo)
            #expect(record.references == message.references)
            #expect(record.subject == message.subject)
            #expect(record.senderAddress == message.senderAddress)
            #expect(record.recipients.map(\.address) == message.recipients.map(\.address))
            #expect(record.recipients.map(\.kind) == message.recipients.map { ["to", "cc", "bcc"][$0.kind.rawValue - 1] })
            #expect(record.submitTime.map(unixSeconds) == message.submitTime.map { Int64($0.timeIntervalSince1970) })
            #expect(record.deliveryTime.map(unixSeconds) == message.deliveryTime.map { Int64($0.timeIntervalSince1970) })
            #expect(record.attachments == message.attachments.map(\.filename))
        }
        // Every record's files are exactly the files it was delivered to.
        var files: [String: [Int]] = [:]
        for delivery in mailbox.deliveries { files[delivery.message.messageID!, default: []].append(delivery.file) }
        for record in mailbox.truth.messages { #expect(files[record.messageID] == record.files) }
        for file in mailbox.truth.files {
            #expect(file.messageCount == mailbox.truth.messages.filter { $0.files.contains(file.index) }.count)
        }
        let ids = mailbox.truth.messages.map(\.messageID)
        #expect(Set(ids).count == ids.count)
    }

    @Test(arguments: Mailbox.all.indices)
    func replyDelaysAreSubmitTimeDifferences(_ index: Int) {
        let truth = Mailbox.all[index].truth
        let byID = Dictionary(uniqueKeysWithValues: truth.messages.map { ($0.messageID, $0) })
        #expect(truth.replyPairs.count > 50)
        for pair in truth.replyPairs {
            let parent = byID[pair.parentMessageID]!, reply = byID[pair.replyMessageID]!
            #expect(reply.inReplyTo == pair.parentMessageID)
            #expect(reply.senderAddress == pair.replier)
            #expect(pair.delaySeconds == Int(unixSeconds(reply.submitTime!) - unixSeconds(parent.submitTime!)))
            #expect(pair.delaySeconds > 0)
            #expect(reply.subject == "RE: " + (parent.subject.map { $0.hasPrefix("RE: ") ? String($0.dropFirst(4)) : $0 } ?? ""))
            #expect(reply.references == parent.references + [parent.messageID])
        }
        // Every reply whose parent is in the mailbox is a pair.
        let replies = truth.messages.filter { $0.inReplyTo.map { byID[$0] != nil } ?? false }
        #expect(replies.count == truth.replyPairs.count)
        let delays = truth.replyPairs.map(\.delaySeconds).sorted()
        // Most answers within a working day, a long tail over nights and weekends.
        #expect(delays[delays.count / 2] < 6 * 3600)
        #expect(delays[delays.count * 9 / 10] > 12 * 3600)
    }

    @Test(arguments: Mailbox.all.indices)
    func contactCountsMatchTheMessages(_ index: Int) {
        let mailbox = Mailbox.all[index]
        var sent: [String: Int] = [:], received: [String: Int] = [:]
        for record in mailbox.truth.messages {
            if record.senderAddress == mailbox.owner {
                for address in Set(record.recipients.map(\.address)) where address != mailbox.owner {
                    received[address, default: 0] += 1
                }
            } else {
                sent[record.senderAddress!, default: 0] += 1
            }
        }
        let addresses = Set(sent.keys).union(received.keys)
        #expect(Set(mailbox.truth.contacts.map(\.address)) == addresses)
        for contact in mailbox.truth.contacts {
            #expect(contact.sentToOwner == sent[contact.address, default: 0], "\(contact.address)")
            #expect(contact.receivedFromOwner == received[contact.address, default: 0], "\(contact.address)")
        }
        let addressesInOrder = mailbox.truth.contacts.map(\.address)
        #expect(addressesInOrder == addressesInOrder.sorted())
        let kinds = Set(mailbox.truth.contacts.map(\.classification))
        #expect(kinds == ["internal", "external", "automated", "one_off"])
    }

    @Test(arguments: Mailbox.all.indices)
    func automatedSendersNeverGetReplies(_ index: Int) {
        let mailbox = Mailbox.all[index]
        let automated = Set(mailbox.truth.contacts.filter { $0.classification == "automated" }.map(\.address))
        #expect(automated.count >= 5)
        let automatedIDs = Set(mailbox.truth.messages.filter { automated.contains($0.senderAddress!) }.map(\.messageID))
        #expect(automatedIDs.count > 50)
        #expect(mailbox.truth.messages.filter { automatedIDs.contains($0.messageID) }.allSatisfy { $0.automated })
        #expect(mailbox.truth.messages.filter { !automatedIDs.contains($0.messageID) }.allSatisfy { !$0.automated })
        for record in mailbox.truth.messages {
            #expect(!automatedIDs.contains(record.inReplyTo ?? ""))
            #expect(record.references.allSatisfy { !automatedIDs.contains($0) })
            if record.senderAddress == mailbox.owner {
                #expect(record.recipients.allSatisfy { !automated.contains($0.address) })
            }
        }
        #expect(mailbox.truth.contacts.filter { automated.contains($0.address) }.allSatisfy { $0.receivedFromOwner == 0 })
        #expect(!mailbox.truth.replyPairs.contains { automatedIDs.contains($0.parentMessageID) })
    }

    @Test(arguments: Mailbox.all.indices)
    func conversationIndexesFollowTheirThreads(_ index: Int) {
        let mailbox = Mailbox.all[index]
        let byID = Dictionary(uniqueKeysWithValues: mailbox.messages.map { ($0.messageID!, $0) })
        for message in mailbox.messages {
            let conversation = message.conversationIndex!
            #expect(conversation.count == 22 + 5 * message.references.count)
            #expect(conversation[0] == 0x01)
            if let parentID = message.inReplyTo, let parent = byID[parentID] {
                #expect(Array(conversation.prefix(parent.conversationIndex!.count)) == parent.conversationIndex!)
                // The response level's sequence count is its depth.
                #expect(Int(conversation.last! & 0x0F) == message.references.count & 0x0F)
            }
            if message.references.isEmpty, let time = message.submitTime {
                // The header's 40 bits are the FILETIME of the thread's first message, top bytes.
                let fileTime = (UInt64(time.timeIntervalSince1970) + 11_644_473_600) * 10_000_000
                let packed = conversation[1...5].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                #expect(packed == fileTime >> 24)
            }
        }
        // Threads are distinct: first messages never share a GUID.
        let guids = mailbox.messages.filter { $0.references.isEmpty }.map { Array($0.conversationIndex![6..<22]) }
        #expect(Set(guids.map { $0.map(String.init).joined(separator: ",") }).count == guids.count)
    }

    @Test func ownerIsTheCustodian() {
        for mailbox in Mailbox.all {
            #expect(mailbox.truth.owner.name == "Dana Whitfield")
            #expect(mailbox.truth.owner.address == "dana.whitfield@northwind.example")
            #expect(mailbox.synthesizer.owner == mailbox.truth.owner)
            #expect(mailbox.truth.scenario == mailbox.synthesizer.scenario.name)
            #expect(mailbox.truth.seed == 1)
        }
    }
}

/// Variety beyond plain mail: a few meeting requests, and an address book in every file.
@Suite struct VarietyTests {
    @Test func meetingRequestsAndContactItems() {
        let mailbox = Mailbox.multi
        let meetings = mailbox.truth.messages.filter { $0.messageClass == "IPM.Schedule.Meeting.Request" }
        #expect(!meetings.isEmpty && meetings.count < mailbox.truth.messages.count / 20)
        #expect(mailbox.truth.messages.allSatisfy { ["IPM.Note", "IPM.Schedule.Meeting.Request"].contains($0.messageClass) })
        // Meeting requests come from colleagues and start threads.
        #expect(meetings.allSatisfy { $0.inReplyTo == nil && $0.senderAddress?.hasSuffix("@northwind.example") == true })
        let names = mailbox.truth.contactItems.map(\.name)
        #expect(names.count == 12 && Set(names).count == 12)
        for file in mailbox.truth.files {
            let cards = mailbox.addressBook.filter { $0.file == file.index }
            #expect(cards.map { $0.message.subject ?? "" } == names)
            #expect(cards.allSatisfy { $0.folder == .other(["Contacts"]) && $0.message.messageID == nil })
        }
        // The address book holds real correspondents.
        let correspondents = Set(mailbox.truth.contacts.map(\.address))
        #expect(mailbox.truth.contactItems.allSatisfy { correspondents.contains($0.address) })
        #expect(Mailbox.steady.truth.contactItems.count == 12)
    }
}
