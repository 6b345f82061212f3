/// What an item is, from its message class. The raw values are what the store and the worker
/// stream carry.
public enum ItemKind: String, Sendable, Codable, CaseIterable {
    case email, meeting, appointment, contact, other

    /// `IPM.Note` and its subclasses are email (case-insensitive); reports such as
    /// `REPORT.IPM.Note.NDR` are not.
    public init(messageClass: String?) {
        let lowered = messageClass?.lowercased() ?? ""
        if lowered.hasPrefix("ipm.note") {
            self = .email
        } else if lowered.hasPrefix("ipm.schedule.meeting") {
            self = .meeting
        } else if lowered.hasPrefix("ipm.appointment") {
            self = .appointment
        } else if lowered.hasPrefix("ipm.contact") {
            self = .contact
        } else {
            self = .other
        }
    }
}

/// How a message was addressed to a recipient.
public enum RecipientKind: String, Sendable, Codable, CaseIterable {
    case to, cc, bcc
}
