/// Where a mailbox owner's time zone came from.
public enum ZoneSource: String, Codable, Sendable, CaseIterable {
    /// Found from the owner's mail: Date: header offsets and sending hours.
    case inferred
    /// Given by the user (`analyze --timezone CUSTODIAN=Area/City`).
    case override
    /// No dated mail of the owner's to go on: UTC.
    case `default`
}

/// What the zone inference saw. Stored and written as one JSON object.
public struct ZoneEvidence: Codable, Sendable, Equatable {
    /// Date: header offsets of the owner's own mail, and of colleagues at the owner's domain.
    public var ownerHeaders = 0
    public var colleagueHeaders = 0
    /// Of those headers, the share whose offset is the zone's own at the message's time.
    public var headerAgreement: Double?
    /// Header offsets seen ("-08:00"), with how many messages carried each.
    public var offsets: [String: Int] = [:]
    /// The owner's dated mail, and the share of it sent between 07:00 and 19:00 local time.
    public var ownerSent = 0
    public var sentInWorkingHours: Double?
    /// The mean local time of day at which the owner sends ("12:40").
    public var meanSendingTime: String?
    /// Other zones with the same offsets over the mail's years: the evidence cannot tell them
    /// apart, and their business hours are the same.
    public var sameOffsets: [String] = []

    public init() {}

    enum CodingKeys: String, CodingKey {
        case ownerHeaders = "owner_headers", colleagueHeaders = "colleague_headers"
        case headerAgreement = "header_agreement", offsets, ownerSent = "owner_sent"
        case sentInWorkingHours = "sent_in_working_hours", meanSendingTime = "mean_sending_time"
        case sameOffsets = "same_offsets"
    }
}

/// A custodian's time zone: what business days and hours, local days and the gap calendar of
/// that mailbox are counted in.
public struct OwnerZone: Codable, Sendable, Equatable {
    public var custodian: String
    /// An IANA name: "America/Los_Angeles".
    public var zone: String
    public var source: ZoneSource
    /// 0 to 1: how strongly the evidence points to this zone (1 for an override).
    public var confidence: Double
    public var evidence: ZoneEvidence

    public init(custodian: String, zone: String, source: ZoneSource, confidence: Double, evidence: ZoneEvidence) {
        self.custodian = custodian
        self.zone = zone
        self.source = source
        self.confidence = confidence
        self.evidence = evidence
    }

    /// "America/Los_Angeles (inferred, confidence 0.98)".
    public var summary: String {
        switch source {
        case .inferred: "\(zone) (inferred, confidence \(confidence.fixed(2)))"
        case .override: "\(zone) (set by the user)"
        case .default: "\(zone) (no evidence: default)"
        }
    }
}
