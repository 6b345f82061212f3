import Foundation
import GRDB
import MailModel

/// One correspondent of one custodian, as stored. Response times are in hours; `owner…` is the
/// owner answering this contact, `contact…` this contact answering the owner.
public struct SenderProfileRecord: Codable, FetchableRecord, TableRecord, Sendable, Equatable {
    public var custodian: String
    public var email: String
    public var name: String?
    public var classification: SenderClass
    public var confidenceScore: Double
    /// The signals behind the classification.
    public var signals: SenderSignals
    public var sentToOwner: Int
    public var receivedFromOwner: Int
    public var totalEmails: Int
    public var firstContact: String?
    public var lastContact: String?
    public var activeMonths: Int
    public var avgEmailsPerMonth: Double
    public var ownerResponses: Int
    public var ownerResponseMedianHours: Double?
    public var ownerResponseMeanHours: Double?
    public var ownerResponseBusinessMedianHours: Double?
    public var contactResponses: Int
    public var contactResponseMedianHours: Double?
    public var contactResponseMeanHours: Double?
    public var contactResponseBusinessMedianHours: Double?
    public var reciprocity: Double
    public var recencyDays: Int?
    public var volumeSlopePerMonth: Double?
    public var communicationIncreasing: Bool?
    public var responseTimeSlope: Double?
    public var responseTimeImproving: Bool?
    public var importanceScore: Double
    public var pagerank: Double?
    public var betweenness: Double?
    public var community: Int?

    /// The columns of `sender_profiles`.
    public enum CodingKeys: String, CodingKey {
        case custodian
        case email
        case name
        case classification
        case confidenceScore = "confidence_score"
        case signals
        case sentToOwner = "sent_to_owner"
        case receivedFromOwner = "received_from_owner"
        case totalEmails = "total_emails"
        case firstContact = "first_contact"
        case lastContact = "last_contact"
        case activeMonths = "active_months"
        case avgEmailsPerMonth = "avg_emails_per_month"
        case ownerResponses = "owner_responses"
        case ownerResponseMedianHours = "owner_response_median_hours"
        case ownerResponseMeanHours = "owner_response_mean_hours"
        case ownerResponseBusinessMedianHours = "owner_response_business_median_hours"
        case contactResponses = "contact_responses"
        case contactResponseMedianHours = "contact_response_median_hours"
        case contactResponseMeanHours = "contact_response_mean_hours"
        case contactResponseBusinessMedianHours = "contact_response_business_median_hours"
        case reciprocity
        case recencyDays = "recency_days"
        case volumeSlopePerMonth = "volume_slope_per_month"
        case communicationIncreasing = "communication_increasing"
        case responseTimeSlope = "response_time_slope"
        case responseTimeImproving = "response_time_improving"
        case importanceScore = "importance_score"
        case pagerank
        case betweenness
        case community
    }

    public enum Columns {
        public static let custodian = Column(CodingKeys.custodian)
        public static let email = Column(CodingKeys.email)
        public static let importanceScore = Column(CodingKeys.importanceScore)
        public static let totalEmails = Column(CodingKeys.totalEmails)
    }

    public static let databaseTableName = "sender_profiles"

    public init(custodian: String, email: String) {
        self.custodian = custodian
        self.email = email
        classification = .external
        confidenceScore = 0
        signals = SenderSignals()
        sentToOwner = 0
        receivedFromOwner = 0
        totalEmails = 0
        activeMonths = 0
        avgEmailsPerMonth = 0
        ownerResponses = 0
        contactResponses = 0
        reciprocity = 0
        importanceScore = 0
    }
}

public struct NetworkNodeRecord: Codable, FetchableRecord, TableRecord, Sendable, Equatable {
    public var email: String
    public var name: String?
    public var messagesSent: Int
    public var messagesReceived: Int
    public var pagerank: Double
    public var betweenness: Double?
    public var community: Int
    public var isOwner: Bool

    public init(email: String, name: String?, messagesSent: Int, messagesReceived: Int, pagerank: Double,
                betweenness: Double?, community: Int, isOwner: Bool) {
        self.email = email
        self.name = name
        self.messagesSent = messagesSent
        self.messagesReceived = messagesReceived
        self.pagerank = pagerank
        self.betweenness = betweenness
        self.community = community
        self.isOwner = isOwner
    }

    /// The columns of `network_nodes`.
    public enum CodingKeys: String, CodingKey {
        case email, name, messagesSent = "messages_sent", messagesReceived = "messages_received", pagerank
        case betweenness, community, isOwner = "is_owner"
    }

    public enum Columns {
        public static let email = Column(CodingKeys.email)
        public static let pagerank = Column(CodingKeys.pagerank)
    }

    public static let databaseTableName = "network_nodes"
}

public struct NetworkEdgeRecord: Codable, FetchableRecord, TableRecord, Sendable, Equatable {
    public var source: String
    public var target: String
    public var weight: Double
    public var messages: Int
    public var strength: Double

    public init(source: String, target: String, weight: Double, messages: Int, strength: Double) {
        self.source = source
        self.target = target
        self.weight = weight
        self.messages = messages
        self.strength = strength
    }

    /// The columns of `network_edges`.
    public enum CodingKeys: String, CodingKey {
        case source, target, weight, messages, strength
    }

    public enum Columns {
        public static let source = Column(CodingKeys.source)
        public static let target = Column(CodingKeys.target)
        public static let weight = Column(CodingKeys.weight)
    }

    public static let databaseTableName = "network_edges"
}

/// Everything one sender recomputation stores.
public struct SenderResults: Sendable {
    public var profiles: [SenderProfileRecord] = []
    public var replies: [(link: ReplyLink, businessSeconds: Int64)] = []
    public var nodes: [NetworkNodeRecord] = []
    public var edges: [NetworkEdgeRecord] = []
    /// address → (identity address, why)
    public var identityLinks: [String: (identity: String, reason: String)] = [:]

    public init() {}
}

extension AnalyticsStore {
    /// Replaces every stored sender and network result in one transaction.
    public func replaceSenders(_ results: SenderResults) throws(StoreError) {
        try write { db in
            for table in ["sender_profiles", "reply_pairs", "network_nodes", "network_edges", "identity_links"] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            let link = try db.makeStatement(sql: "INSERT INTO identity_links (address, identity, reason) VALUES (?, ?, ?)")
            for (address, target) in results.identityLinks {
                try link.execute(arguments: [address, target.identity, target.reason])
            }
            let reply = try RowInserter(db, sql: """
                INSERT OR IGNORE INTO reply_pairs (reply_id, parent_id, matched_by, delay_seconds, business_seconds)
                VALUES (?, ?, ?, ?, ?)
                """)
            for (pair, business) in results.replies {
                let delay = (pair.replySentAt ?? 0) - (pair.parentSentAt ?? 0)
                try reply.run(.integer(pair.replyID), .integer(pair.parentID), .text(pair.matchedBy.rawValue), .integer(delay),
                              .integer(business))
            }
            let node = try RowInserter(db, sql: """
                INSERT INTO network_nodes (email, name, messages_sent, messages_received, pagerank, betweenness,
                    community, is_owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for n in results.nodes {
                try node.run(.text(n.email), .text(n.name), .integer(n.messagesSent), .integer(n.messagesReceived),
                             .real(n.pagerank), .real(n.betweenness), .integer(n.community), .bool(n.isOwner))
            }
            let edge = try RowInserter(db, sql: """
                INSERT INTO network_edges (source, target, weight, messages, strength) VALUES (?, ?, ?, ?, ?)
                """)
            for e in results.edges {
                try edge.run(.text(e.source), .text(e.target), .real(e.weight), .integer(e.messages), .real(e.strength))
            }
            let profile = try RowInserter(db, sql: """
                INSERT INTO sender_profiles (custodian, email, name, classification, confidence_score, signals,
                    sent_to_owner, received_from_owner, total_emails, first_contact, last_contact, active_months,
                    avg_emails_per_month, owner_responses, owner_response_median_hours, owner_response_mean_hours,
                    owner_response_business_median_hours, contact_responses, contact_response_median_hours,
                    contact_response_mean_hours, contact_response_business_median_hours, reciprocity, recency_days,
                    volume_slope_per_month, communication_increasing, response_time_slope, response_time_improving,
                    importance_score, pagerank, betweenness, community)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for p in results.profiles {
                try profile.run(
                    .text(p.custodian), .text(p.email), .text(p.name), .text(p.classification.rawValue), .real(p.confidenceScore),
                    .text(try JSONDocument.line(p.signals)), .integer(p.sentToOwner), .integer(p.receivedFromOwner), .integer(p.totalEmails),
                    .text(p.firstContact), .text(p.lastContact), .integer(p.activeMonths), .real(p.avgEmailsPerMonth),
                    .integer(p.ownerResponses), .real(p.ownerResponseMedianHours), .real(p.ownerResponseMeanHours),
                    .real(p.ownerResponseBusinessMedianHours), .integer(p.contactResponses),
                    .real(p.contactResponseMedianHours), .real(p.contactResponseMeanHours),
                    .real(p.contactResponseBusinessMedianHours), .real(p.reciprocity), .integer(p.recencyDays),
                    .real(p.volumeSlopePerMonth), .bool(p.communicationIncreasing), .real(p.responseTimeSlope),
                    .bool(p.responseTimeImproving), .real(p.importanceScore), .real(p.pagerank), .real(p.betweenness),
                    .integer(p.community))
            }
        }
    }

    /// Stored profiles, most important first; `top` limits the count, `custodian` the mailbox.
    public func senderProfiles(custodian: String? = nil, top: Int? = nil) throws(StoreError) -> [SenderProfileRecord] {
        try read { db in
            typealias Columns = SenderProfileRecord.Columns
            var request = SenderProfileRecord.order(Columns.importanceScore.desc, Columns.totalEmails.desc, Columns.email)
            if let custodian { request = request.filter(Columns.custodian.collating(.nocase) == custodian) }
            if let top { request = request.limit(max(0, top)) }
            return try request.fetchAll(db)
        }
    }

    /// How many profiles are stored: the report's and the overview's correspondents.
    public func senderProfileCount() throws(StoreError) -> Int {
        try read { db in try SenderProfileRecord.fetchCount(db) }
    }

    public func networkNodes() throws(StoreError) -> [NetworkNodeRecord] {
        try read { db in
            try NetworkNodeRecord.order(NetworkNodeRecord.Columns.pagerank.desc, NetworkNodeRecord.Columns.email).fetchAll(db)
        }
    }

    public func networkEdges() throws(StoreError) -> [NetworkEdgeRecord] {
        try read { db in
            typealias Columns = NetworkEdgeRecord.Columns
            return try NetworkEdgeRecord.order(Columns.weight.desc, Columns.source, Columns.target).fetchAll(db)
        }
    }
}
