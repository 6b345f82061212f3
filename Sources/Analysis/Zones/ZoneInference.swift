import Foundation
import MailModel

/// Finds a mailbox owner's time zone from the evidence of their mail.
///
/// With at least `minimumHeaders` Date: header offsets (the owner's own mail and colleagues' at
/// the owner's domain), the zone is the one whose offset, at each message's time, agrees with the
/// most headers; daylight saving time is part of the match, so -08:00 in winter and -07:00 in
/// summer is Los Angeles, not Phoenix. Ties (zones with the same offsets over the mail's years)
/// go to the zone whose local sending times centre nearest the middle of a working day, then to
/// the first in `preferred`. Confidence is the agreement scaled by the amount of evidence, n / (n
/// + 20), and halved when the owner would then send most mail outside 07:00-19:00.
///
/// With fewer headers but at least `minimumSent` messages of the owner's, the zone is the one
/// that puts the mean local sending time nearest 13:00; confidence is at most 0.5. Otherwise
/// there is no evidence, and the zone is UTC.
enum ZoneInference {
    static let minimumHeaders = 10
    static let minimumSent = 20
    /// The middle of a working day, where office senders' mean sending time falls.
    static let workdayMiddle: Int64 = 13 * 3600
    static let workingHours: Range<Int64> = (7 * 3600)..<(19 * 3600)

    /// Where ties go: one familiar zone for each set of rules, the most populous first. Zones
    /// further down with the same offsets are named in the evidence, not chosen.
    static let preferred = [
        "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
        "America/Anchorage", "Pacific/Honolulu", "America/Toronto", "America/Vancouver", "America/Mexico_City",
        "America/Sao_Paulo", "America/Argentina/Buenos_Aires", "America/Bogota", "America/Lima", "America/Santiago",
        "America/Caracas", "America/Halifax", "America/St_Johns", "Europe/London", "Europe/Dublin", "Europe/Lisbon",
        "Europe/Berlin", "Europe/Paris", "Europe/Madrid", "Europe/Rome", "Europe/Amsterdam", "Europe/Brussels",
        "Europe/Zurich", "Europe/Vienna", "Europe/Stockholm", "Europe/Warsaw", "Europe/Prague", "Europe/Athens",
        "Europe/Helsinki", "Europe/Bucharest", "Europe/Kyiv", "Europe/Istanbul", "Europe/Moscow", "Africa/Lagos",
        "Africa/Cairo", "Africa/Johannesburg", "Africa/Nairobi", "Asia/Jerusalem", "Asia/Riyadh", "Asia/Tehran",
        "Asia/Dubai", "Asia/Karachi", "Asia/Kolkata", "Asia/Kathmandu", "Asia/Dhaka", "Asia/Bangkok",
        "Asia/Jakarta", "Asia/Singapore", "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Manila",
        "Asia/Tokyo", "Asia/Seoul", "Australia/Perth", "Australia/Darwin", "Australia/Brisbane",
        "Australia/Adelaide", "Australia/Sydney", "Australia/Melbourne", "Pacific/Auckland", "UTC",
    ]

    struct Result {
        var zone: Zone
        var source: ZoneSource
        var confidence: Double
        var evidence: ZoneEvidence
    }

    /// The preferred zones, and then the rest of the database's Area/City names in order.
    static func candidates(years: ClosedRange<Int>, all: Bool) -> [Zone] {
        var names = preferred
        if all {
            names += TimeZone.knownTimeZoneIdentifiers
                .filter { $0.contains("/") && !$0.hasPrefix("Etc/") && !preferred.contains($0) }.sorted()
        }
        var seen = Set<String>()
        return names.compactMap { Zone(identifier: $0, years: years) }.filter { seen.insert($0.identifier).inserted }
    }

    /// Below this agreement among the preferred zones, every zone in the database is tried.
    static let preferredAgreement = 0.9

    static func infer(_ tally: ZoneTally) -> Result {
        let years = tally.years.years ?? 2000...2000
        let evidence = Evidence(tally)
        // Zones with the same rules over the mail's years score alike: each set of rules is
        // scored once (the 420 zones of the database have about half as many).
        var scores: [Zone.Rules: Score] = [:]
        func score(_ zones: [Zone]) -> [Score] {
            zones.enumerated().map { rank, zone in
                let rules = zone.rules
                guard var score = scores[rules] else {
                    let score = Score(zone: zone, rank: rank, evidence: evidence)
                    scores[rules] = score
                    return score
                }
                score.zone = zone
                score.rank = rank
                return score
            }
        }
        var scored = score(candidates(years: years, all: false))
        if tally.headerCount >= minimumHeaders,
           Double(scored.map(\.matches).max() ?? 0) < preferredAgreement * Double(tally.headerCount) {
            scored = score(candidates(years: years, all: true))
        }
        return infer(tally, scored: scored)
    }

    private static func infer(_ tally: ZoneTally, scored: [Score]) -> Result {
        var evidence = ZoneEvidence()
        evidence.ownerHeaders = tally.ownerHeaders
        evidence.colleagueHeaders = tally.colleagueHeaders
        evidence.ownerSent = tally.ownerSentCount
        for (key, count) in tally.headers {
            let label = UTCOffset(minutes: Int(key.minutes))?.description ?? "?"
            evidence.offsets[label, default: 0] += Int(count)
        }
        if tally.headerCount >= minimumHeaders, let best = scored.min(by: { $0.beatsOnHeaders($1) }) {
            var result = Result(zone: best.zone, source: .inferred, confidence: 0, evidence: evidence)
            let agreement = Double(best.matches) / Double(tally.headerCount)
            result.confidence = agreement * Double(tally.headerCount) / Double(tally.headerCount + 20)
            if tally.ownerSentCount >= minimumSent, best.inWorkingHours < 0.5 { result.confidence /= 2 }
            result.evidence.headerAgreement = agreement.rounded(toPlaces: 4)
            result.evidence.sameOffsets = scored.filter { $0.signature == best.signature && $0.zone != best.zone }
                .map(\.zone.identifier)
            describeHours(best, tally, into: &result.evidence)
            return result
        }
        if tally.ownerSentCount >= minimumSent, let best = scored.min(by: { $0.beatsOnHours($1) }) {
            var result = Result(zone: best.zone, source: .inferred, confidence: 0, evidence: evidence)
            let n = Double(tally.ownerSentCount)
            result.confidence = 0.5 * best.concentration * n / (n + 50)
            result.evidence.sameOffsets = scored.filter { $0.distance == best.distance && $0.zone != best.zone }
                .prefix(10).map(\.zone.identifier)
            describeHours(best, tally, into: &result.evidence)
            return result
        }
        return Result(zone: .utc, source: .default, confidence: 0, evidence: evidence)
    }

    private static func describeHours(_ score: Score, _ tally: ZoneTally, into evidence: inout ZoneEvidence) {
        guard tally.ownerSentCount > 0 else { return }
        evidence.sentInWorkingHours = score.inWorkingHours.rounded(toPlaces: 4)
        let minutes = Int(score.meanTime / 60)
        evidence.meanSendingTime = pad(minutes / 60, 2) + ":" + pad(minutes % 60, 2)
    }

    /// A mailbox's evidence laid out for scoring: instants ascending, so that each candidate
    /// zone's offsets come from one walk along its table.
    struct Evidence {
        /// Headers by the middle of their hour, with the offset (seconds) they state.
        var headerInstants: [Int64] = []
        var headerOffsets: [Int64] = []
        var headerCounts: [Int] = []
        /// The owner's sending by the middle of its quarter hour.
        var sentInstants: [Int64] = []
        var sentCounts: [Int] = []

        init(_ tally: ZoneTally) {
            for (key, count) in tally.headers.sorted(by: { ($0.key.hour, $0.key.minutes) < ($1.key.hour, $1.key.minutes) }) {
                headerInstants.append(Int64(key.hour) * 3600 + 1800)
                headerOffsets.append(Int64(key.minutes) * 60)
                headerCounts.append(Int(count))
            }
            for (quarter, count) in tally.ownerSent.sorted(by: { $0.key < $1.key }) {
                sentInstants.append(Int64(quarter) * 900 + 450)
                sentCounts.append(Int(count))
            }
        }
    }

    /// How one candidate zone fits the evidence.
    struct Score {
        var zone: Zone
        var rank: Int
        /// Headers whose offset is this zone's at their time.
        var matches = 0
        /// Equal for zones whose offsets at every header's time are the same.
        var signature = 0
        var inWorkingHours = 0.0
        /// The mean local time of day of the owner's sending (circular), in seconds.
        var meanTime = 0.0
        /// From 0 (sending spread round the clock) to 1 (all at one time of day).
        var concentration = 0.0
        /// Minutes from `meanTime` to the middle of the working day, to the quarter hour.
        var distance = 0

        init(zone: Zone, rank: Int, evidence: Evidence) {
            self.zone = zone
            self.rank = rank
            var hasher = Hasher()
            for (index, offset) in zone.offsets(ascending: evidence.headerInstants).enumerated() {
                if offset == evidence.headerOffsets[index] { matches += evidence.headerCounts[index] }
                hasher.combine(offset)
            }
            signature = hasher.finalize()
            var inside = 0, x = 0.0, y = 0.0, total = 0
            func add(_ timeOfDay: Int64, _ count: Int) {
                if ZoneInference.workingHours.contains(timeOfDay) { inside += count }
                let angle = Double(timeOfDay) / 86_400 * 2 * .pi
                x += cos(angle) * Double(count)
                y += sin(angle) * Double(count)
                total += count
            }
            // Counted by local quarter hour first: offsets are whole quarter hours (all today's
            // are), so each quarter's midpoint lands on a local one, and the trigonometry is done
            // 96 times instead of once per quarter hour with mail.
            var quarters = [Int](repeating: 0, count: 96)
            for (index, offset) in zone.offsets(ascending: evidence.sentInstants).enumerated() {
                let local = evidence.sentInstants[index] + offset
                let timeOfDay = local - Day(containing: local).start
                if timeOfDay % 900 == 450 {
                    quarters[Int(timeOfDay / 900)] += evidence.sentCounts[index]
                } else {
                    add(timeOfDay, evidence.sentCounts[index])
                }
            }
            for (quarter, count) in quarters.enumerated() where count > 0 { add(Int64(quarter) * 900 + 450, count) }
            guard total > 0 else { return }
            inWorkingHours = Double(inside) / Double(total)
            concentration = (x * x + y * y).squareRoot() / Double(total)
            var angle = atan2(y, x)
            if angle < 0 { angle += 2 * .pi }
            meanTime = angle / (2 * .pi) * 86_400
            let away = abs(meanTime - Double(ZoneInference.workdayMiddle))
            distance = Int((min(away, 86_400 - away) / 900).rounded()) * 15
        }

        /// More headers agree; then sending centred nearer mid-day; then the preferred zone.
        func beatsOnHeaders(_ other: Score) -> Bool {
            (-matches, distance, rank) < (-other.matches, other.distance, other.rank)
        }

        func beatsOnHours(_ other: Score) -> Bool {
            (distance, rank) < (other.distance, other.rank)
        }
    }
}
