import Testing
@testable import PSTReader

struct TransportHeadersTests {
    /// The writer's UTC offset from the Date: field's zone, in every form RFC 5322 allows.
    @Test(arguments: [
        ("Mon, 4 Jan 2021 09:15:00 -0800", -480), ("Tue, 05 Jan 2021 18:00:00 +0530 (IST)", 330),
        ("4 Jan 2021 09:15 +0000", 0), ("Mon, 4 Jan 2021 09:15:00 GMT", 0), ("Mon, 4 Jan 2021 09:15:00 EDT", -240),
        ("Mon, 4 Jan 2021 09:15:00 pst", -480), ("Mon, 4 Jan 2021 09:15:00 +1245", 765),
    ])
    func dateOffsets(value: String, minutes: Int) {
        #expect(TransportHeaders("Date: \(value)\r\n\r\n").dateOffset?.minutes == minutes)
    }

    /// "-0000" says the zone is unknown; malformed zones and a missing field give nothing.
    @Test(arguments: ["Mon, 4 Jan 2021 09:15:00 -0000", "Mon, 4 Jan 2021 09:15:00 +2500",
                      "Mon, 4 Jan 2021 09:15:00 +0160", "Mon, 4 Jan 2021 09:15:00", "Mon, 4 Jan 2021 09:15:00 +08",
                      "(only a comment)", ""])
    func noDateOffset(value: String) {
        #expect(TransportHeaders("Date: \(value)\r\n\r\n").dateOffset == nil)
    }

    @Test func readsFieldsAndUnfoldsLines() {
        let headers = TransportHeaders("""
            Received: from a by b\r
            From: "Doe, Jane" <Jane.Doe@Example.com>\r
            Message-ID: <abc@example.com>\r
            In-Reply-To: <parent@example.com>\r
            References: <root@example.com>\r
             <parent@example.com>\r
            Subject: hi\r
            \r
            From: body@example.com
            """)
        #expect(headers.from == "Jane.Doe@Example.com")
        #expect(headers.messageID == "<abc@example.com>")
        #expect(headers.inReplyTo == "<parent@example.com>")
        #expect(headers.references == ["<root@example.com>", "<parent@example.com>"])
    }

    @Test func fromWithoutBrackets() {
        #expect(TransportHeaders.address("jane@example.com (Jane)") == "jane@example.com")
        #expect(TransportHeaders.address("Undisclosed recipients") == nil)
    }

    @Test func fieldNamesInAnyCaseAndLongReferences() {
        let ids = (1...40).map { "<r\($0)@exämple.com>" }
        let headers = TransportHeaders(
            "MESSAGE-ID: <Up@Example.com>\nin-REPLY-to:  <p@example.com>  \nReferences: \(ids.joined(separator: " "))\n"
            + "X-Message-ID-Extra: <no@example.com>\nLIST-id: <list.example.com>\n\n")
        #expect(headers.messageID == "<Up@Example.com>")
        #expect(headers.inReplyTo == "<p@example.com>")
        #expect(headers.references == ids)
        #expect(headers.bulk)
        #expect(TransportHeaders.messageIDs("a@b  c@d") == ["a@b", "c@d"])
        #expect(TransportHeaders.messageIDs("<open@only") == ["<open@only"])
    }

    @Test func headerSectionEndsAtFirstEmptyLine() {
        let headers = TransportHeaders("Subject: x\n\nMessage-ID: <late@example.com>\n")
        #expect(headers.messageID == nil)
    }
}

struct SubjectPrefixTests {
    @Test func stripsOutlookPrefixMarker() {
        #expect(MessageReader.stripSubjectPrefix("\u{01}\u{04}RE: budget") == "RE: budget")
        #expect(MessageReader.stripSubjectPrefix("plain") == "plain")
        #expect(MessageReader.stripSubjectPrefix("") == "")
    }
}

struct SenderResolutionTests {
    let dn = "/O=ORG/OU=EXCHANGE ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=JDOE"

    @Test func senderSMTPComesFirst() {
        let sender = SenderProperties(
            name: "Jane", senderSMTP: "jane@example.com", representingSMTP: "boss@example.com", address: dn,
            addressType: "EX", headerFrom: "other@example.com")
        #expect(sender.resolve(using: X500Map()) == Address(name: "Jane", address: "jane@example.com"))
    }

    @Test func representingSMTPIsSecond() {
        let sender = SenderProperties(representingSMTP: "boss@example.com", address: dn, addressType: "EX")
        #expect(sender.resolve(using: X500Map()).address == "boss@example.com")
    }

    @Test func smtpTypedAddressIsThird() {
        let sender = SenderProperties(address: "jane@example.com", addressType: "SMTP", headerFrom: "x@example.com")
        #expect(sender.resolve(using: X500Map()).address == "jane@example.com")
    }

    @Test func headerFromBeforeTheMap() {
        var map = X500Map()
        map.learn(distinguishedName: dn, smtp: "mapped@example.com")
        let sender = SenderProperties(address: dn, addressType: "EX", headerFrom: "header@example.com")
        #expect(sender.resolve(using: map).address == "header@example.com")
    }

    @Test func mapResolvesDistinguishedNamesCaseInsensitively() {
        var map = X500Map()
        map.learn(distinguishedName: dn.lowercased(), smtp: "jdoe@example.com")
        let sender = SenderProperties(name: "J Doe", address: dn, addressType: "EX")
        #expect(sender.resolve(using: map) == Address(name: "J Doe", address: "jdoe@example.com"))
    }

    @Test func unresolvedDistinguishedNameIsKept() {
        let sender = SenderProperties(address: dn, addressType: "EX")
        #expect(sender.resolve(using: X500Map()) == Address(address: dn))
    }

    @Test func mapIgnoresRowsThatAreNotDNToSMTP() {
        var map = X500Map()
        map.learn(distinguishedName: "jane@example.com", smtp: "jane@example.com")
        map.learn(distinguishedName: dn, smtp: "Jane Doe")
        #expect(map.isEmpty)
    }
}

extension SenderProperties {
    init(
        name: String? = nil, senderSMTP: String? = nil, representingSMTP: String? = nil, address: String? = nil,
        addressType: String? = nil, headerFrom: String? = nil
    ) {
        self.init(
            name: name, senderSMTP: senderSMTP, representingSMTP: representingSMTP, address: address,
            addressType: addressType, representingName: nil, representingAddress: nil, headerFrom: headerFrom)
    }
}
