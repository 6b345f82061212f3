import MailModel
import Testing

struct ItemKindTests {
    @Test(arguments: [
        ("IPM.Note", ItemKind.email), ("ipm.note.smime", .email), ("IPM.Schedule.Meeting.Request", .meeting),
        ("IPM.Appointment", .appointment), ("IPM.Contact", .contact), ("REPORT.IPM.Note.NDR", .other),
        ("IPM.Post", .other),
    ])
    func classifiesByMessageClass(messageClass: String, kind: ItemKind) {
        #expect(ItemKind(messageClass: messageClass) == kind)
    }

    @Test func noClassIsOther() {
        #expect(ItemKind(messageClass: nil) == .other)
    }
}
