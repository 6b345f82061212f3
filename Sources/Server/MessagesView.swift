import Foundation
import Hummingbird
import MailModel
import Store

/// A message search as the messages page and `/api/v1/messages` show it: how many match, and
/// one page of them, newest first, each with every file and folder it was seen in.
struct MessagesView: Encodable {
    let query: String
    let total: Int
    let offset: Int
    let limit: Int
    let messages: [Message]
    /// The next page's address, when there is one.
    let next: String?

    struct Message: Encodable {
        let id: Int64
        let date: String?
        let senderName: String?
        let senderEmail: String?
        let recipients: [String]
        let subject: String?
        let seenIn: [MessageHit.Provenance]

        init(_ hit: MessageHit) {
            id = hit.id
            date = hit.date.map(iso8601)
            senderName = hit.senderName
            senderEmail = hit.senderEmail
            recipients = hit.recipients
            subject = hit.subject
            seenIn = hit.seenIn
        }
    }

    static let maximumPage = 200

    /// The search the parameters describe: `q` (required), `custodian`, `contact`, `from`, `to`,
    /// `folder`, `limit` and `offset`.
    static func search(_ parameters: Parameters, store: AnalyticsStore) throws -> MessageSearch {
        let text = try parameters.required("q")
        guard let words = SearchWords(text) else { throw HTTPError(.badRequest, message: "q has no word to search for") }
        let range = try parameters.dayRange()
        return MessageSearch(
            words: words, custodian: try parameters.custodian(in: store), contact: parameters.address("contact"),
            from: range.from.flatMap(Day.init(iso:)), to: range.to.flatMap(Day.init(iso:)),
            folder: parameters.text("folder"),
            limit: try parameters.integer("limit", in: 1...maximumPage, fallback: 50),
            offset: try parameters.integer("offset", in: 0...1_000_000, fallback: 0))
    }

    init(_ parameters: Parameters, store: AnalyticsStore) throws {
        let search = try Self.search(parameters, store: store)
        let result = try store.searchMessages(search)
        query = search.words.words.joined(separator: " ")
        total = result.total
        offset = search.offset
        limit = search.limit
        messages = result.hits.map(Message.init)
        var following = parameters.query
        following["offset"] = String(search.offset + search.limit)
        next = search.offset + search.limit < result.total ? Links.path("/messages", following.mapValues { $0 }) : nil
    }
}
