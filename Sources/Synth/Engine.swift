import Workdays
import Foundation
import MailModel
import PSTWriter

/// One message as it leaves the generator: what the writer stores and what the truth records.
struct Generated {
    var files: [Int]
    var folder: FolderRole
    var spec: MessageSpec
    var record: Truth.Message
    var replyPair: Truth.ReplyPair?
    var sender: Person
    /// Everyone addressed other than the owner, each once.
    var recipients: [Person]
}

/// Simulates the mailbox day by day. New mail is planned for each day at a rate that keeps the
/// total on course for the requested count; every message, when its moment comes, may plan a
/// reply at a later working time. Messages leave in delivery-time order, the order in which
/// they reach the mailbox and Outlook numbers them, so nothing but the scheduled replies is
/// ever held. (The owner's own mail is delivered when it is sent.)
struct Engine {
    let plan: Plan
    let target: Int
    let seed: UInt64
    let roster: Roster
    let owner: Person
    let clock: WorkingClock
    var rng: SeededRandom
    var heap = Heap<Draft> { ($0.delivery, $0.number) < ($1.delivery, $1.number) }

    var numbers = 0
    private(set) var emitted = 0
    /// Messages the final top-up had to add (normally none).
    private(set) var toppedUp = 0
    /// The most messages ever waiting in the schedule: what generation holds in memory.
    private(set) var peakScheduled = 0
    var lastEmitted: Int64 = 0
    /// Planned messages that will be in the mailbox when their time comes.
    var pendingPresent = 0
    var originalsPlanned = 0
    var repliesPlanned = 0
    var oneOffs = 0
    var hostileSubjects = 0
    var inboundOriginals = 0

    /// A prior for replies planned per new message, until the run has its own figure.
    private static let initialRepliesPerOriginal = 0.5
    /// The furthest ahead of UTC any zone is.
    static let earliestOffset: Int64 = 14 * 3600
    /// Shares of new (non-reply) mail on an ordinary weekday.
    static let humanShare = 0.72, automatedShare = 0.28
    private static let weekdayFactor = [0, 1.05, 1.1, 1.1, 1.0, 0.8, 0]
    private static let monthFactor = [1.0, 1.05, 1.05, 1.0, 1.0, 0.95, 0.85, 0.8, 1.0, 1.05, 1.0, 0.85]

    init(plan: Plan, target: Int, seed: UInt64) {
        self.plan = plan
        self.target = target
        self.seed = seed
        var rng = SeededRandom(seed: seed)
        // Larger mailboxes know more people: the pool grows with the square root of the volume.
        let scale = min(30, max(1, Int((Double(target) / 3000).squareRoot())))
        roster = Roster(size: scale, hostile: plan.hostile, ownerZone: plan.ownerZone,
                        years: (plan.start.year - 1)...(plan.end.year + 1), rng: &rng)
        owner = roster.owner
        self.rng = rng
        var away = Set<Int>()
        for range in plan.leave { for day in range { away.insert(day.index) } }
        clock = WorkingClock(calendar: plan.calendar, away: away)
    }

    /// The people the owner would keep in an address book: the dozen most frequent
    /// correspondents (the roster lists them most frequent first).
    func addressBook() -> [Person] {
        Array(roster.regulars.prefix(12))
    }

    // MARK: - The day loop

    mutating func run(_ emit: (Generated) throws -> Void) throws {
        let days = Array(plan.days)
        // Weight of the days still to come that can hold mail: the budget is spread over them.
        var ahead = [Double](repeating: 0, count: days.count + 1)
        for i in stride(from: days.count - 1, through: 0, by: -1) {
            ahead[i] = ahead[i + 1] + (plan.isPresent(days[i]) ? weight(days[i]) : 0)
        }
        let monthly = monthlySchedule()
        // Fixed monthly mail is left out of mailboxes too small to carry it.
        let useMonthly = target >= 8 * monthly.count
        var monthlyAhead = useMonthly ? monthly.filter { plan.isPresent($0.day) }.count : 0
        var cursor = 0
        // Replies to the last days' mail fall past the end, so a plan aimed at exactly `target`
        // ends a little short. Aim above it by about half a day's mail and stop at `target`;
        // the cap keeps the plan from crowding a late shortfall into the final days.
        let businessDays = Double(max(1, days.filter { plan.isPresent($0) && plan.calendar.isBusinessDay($0) }.count))
        let daily = Double(target) / businessDays
        let goal = target + Int((0.6 * daily + 2 * daily.squareRoot()).rounded(.up))
        let startingRate = ahead[0] > 0 ? Double(goal) / (1 + Self.initialRepliesPerOriginal) / ahead[0] : 0

        for (i, day) in days.enumerated() where emitted < target {
            while useMonthly, cursor < monthly.count, monthly[cursor].day == day {
                if plan.isPresent(day) { monthlyAhead -= 1 }
                schedule(monthlyMessage(monthly[cursor].who, on: day))
                cursor += 1
            }
            let repliesPerOriginal = (Double(repliesPlanned) + 20 * Self.initialRepliesPerOriginal)
                / (Double(originalsPlanned) + 20)
            let remaining = Double(goal - emitted - pendingPresent - monthlyAhead)
            let perWeight = ahead[i] > 0
                ? min(2 * startingRate, max(0, remaining) / (1 + repliesPerOriginal) / ahead[i]) : 0
            for _ in 0..<rng.count(expected: perWeight * weight(day)) {
                originalsPlanned += 1
                schedule(original(on: day))
            }
            // Mail of later days can be dated up to 14 hours earlier than their UTC start (in
            // UTC+14): what is emitted must come before all of it, to leave in delivery order.
            try drain(before: day.start + Day.seconds - Self.earliestOffset, emit)
        }
        try drain(before: .max, emit)
        if emitted < target {
            toppedUp = target - emitted
            try topUp(emit)
        }
    }

    /// Emits every planned message before `limit`, planning replies as it goes.
    mutating func drain(before limit: Int64, _ emit: (Generated) throws -> Void) throws {
        while let next = heap.min, next.delivery < limit, emitted < target {
            _ = heap.pop()
            if next.inMailbox {
                pendingPresent -= 1
                emitted += 1
                lastEmitted = max(lastEmitted, next.delivery)
                try emit(build(next))
            }
            // Mail lost in a gap can still be answered after it: evidence of the gap.
            planReply(to: next)
        }
    }

    /// Chance rounding can leave the count a few short at the end: make up the difference with
    /// automated mail late on the last day that holds mail.
    mutating func topUp(_ emit: (Generated) throws -> Void) throws {
        guard let day = plan.days.reversed().first(where: plan.isPresent) else { return }
        let last = owner.zone.instant(day, secondsAfterMidnight: Day.seconds - 60)
        let first = min(last, max(lastEmitted + 1, owner.zone.instant(day, secondsAfterMidnight: 18 * 3600)))
        let missing = target - emitted
        let step = max(0, (last - first) / Int64(missing))
        for k in 0..<missing {
            let sender = roster.automated[roster.automatedWeights.pick(&rng)]
            let submit = first + Int64(k) * step
            let draft = newThread(.automated, sender: sender, to: [owner], submit: submit, delivery: submit,
                                  subject: Text.automatedSubject(sender, &rng, day: day), folder: .inbox)
            emitted += 1
            try emit(build(draft))
        }
    }

    mutating func schedule(_ draft: Draft) {
        // Mail planned past the owner's last day never happens.
        guard plan.day(containing: draft.delivery) <= plan.end else { return }
        draft.inMailbox = plan.isPresent(plan.day(containing: draft.submit))
            && plan.isPresent(plan.day(containing: draft.delivery))
            && (draft.isFromOwner || !plan.isInboundGap(plan.day(containing: draft.delivery)))
        if draft.inMailbox { pendingPresent += 1 }
        heap.push(draft)
        peakScheduled = max(peakScheduled, heap.count)
    }

    // MARK: - Rhythm

    /// Relative volume of new human mail on a day: none on holidays or during leave, a trickle
    /// at weekends, a weekday and seasonal profile otherwise.
    func humanWeight(_ day: Day) -> Double {
        if plan.calendar.isHoliday(day) || plan.isLeave(day) { return 0 }
        if day.isWeekend { return 0.03 }
        return Self.weekdayFactor[day.weekday] * Self.monthFactor[day.month - 1]
    }

    /// Automated senders keep sending during leave; not on holidays, rarely at weekends.
    func automatedWeight(_ day: Day) -> Double {
        if plan.calendar.isHoliday(day) { return 0 }
        return day.isWeekend ? 0.06 : 1
    }

    func weight(_ day: Day) -> Double {
        Self.humanShare * humanWeight(day) + Self.automatedShare * automatedWeight(day)
    }

    /// A moment in someone's local day: mostly within their hours, peaking mid-day, sometimes in
    /// the evening; at weekends any time from morning to evening.
    mutating func moment(on day: Day, of person: Person) -> Int64 {
        let hours = person.hours
        let offset: Int64
        if day.isWeekend || plan.calendar.isHoliday(day) {
            offset = 9 * 3600 + Int64(rng.below(11 * 3600))
        } else if rng.chance(0.06) {
            offset = hours.end + Int64(rng.below(Int(max(600, 22 * 3600 - hours.end))))
        } else {
            let x = (rng.unit() + rng.unit()) / 2
            offset = hours.start + Int64(x * Double(hours.end - hours.start))
        }
        return person.zone.instant(day, secondsAfterMidnight: min(offset, 23 * 3600 + 50 * 60))
    }
}
