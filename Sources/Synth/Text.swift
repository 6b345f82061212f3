import MailModel

/// Subjects and plain-text bodies. Bodies are short and drawn from a message's own random
/// stream, so their length never shifts the rest of the mailbox.
enum Text {
    static let subjectTemplates = [
        "{project} status update", "{project}: next steps", "Q{q} budget review", "Contract renewal with {company}",
        "Invoice {n} from {company}", "Notes from {weekday}'s meeting", "Draft proposal for {company}",
        "Hiring plan for {team}", "Offsite agenda", "Security review for {project}", "Data retention policy question",
        "Travel request: {city}", "Quick question about {project}", "Vendor onboarding: {company}",
        "{team} weekly sync", "Feedback on the {project} deck", "Lunch {weekday}?", "Updated timeline for {project}",
        "Customer escalation: {company}", "Training schedule for {month}",
    ]

    static let sentences = [
        "I've attached the latest numbers; the variance is mostly timing.",
        "Can we move the review to later in the week?",
        "Legal signed off on the revised terms this morning.",
        "The vendor confirmed delivery for the end of the month.",
        "Please take a look before Thursday if you can.",
        "I spoke with the team and we are on track.",
        "There is one open question about the retention schedule.",
        "We still need an owner for the migration workstream.",
        "The figures in section 3 do not match the forecast.",
        "Let me know if you want me to set up a call.",
        "I have blocked an hour on Friday to go through it together.",
        "The client asked for a short summary they can share internally.",
        "Budget approval is pending with Finance.",
        "I'll circulate the minutes once everyone has had a chance to comment.",
        "The draft is in the shared folder under this month's date.",
    ]

    static let replyOpeners = [
        "Thanks, that works for me.", "Agreed.", "Thanks for the quick turnaround.", "Looks good to me.",
        "Good catch, I'll fix that.", "Let's discuss tomorrow.", "Yes, please go ahead.",
        "I'm not sure that's right; see below.",
    ]

    /// A subject for a new thread.
    static func subject(_ rng: inout SeededRandom, day: Day) -> String {
        fill(rng.pick(subjectTemplates), &rng, day: day)
    }

    /// An automated sender's subject: `#` a number, `%` the month.
    static func automatedSubject(_ sender: Person, _ rng: inout SeededRandom, day: Day) -> String {
        let template = rng.pick(sender.subjects)
        let number = String(1000 + rng.below(9000))
        let withNumber = expand(template, open: "#", close: nil) { _ in number }
        return expand(withNumber, open: "%", close: nil) { _ in "\(Names.months[day.month - 1]) \(day.year)" }
    }

    static func body(from sender: Person, to recipient: String?, _ rng: inout SeededRandom) -> String {
        var lines: [String] = []
        if let recipient, !recipient.isEmpty {
            lines.append("\(rng.pick(["Hi", "Hello", "Dear"])) \(firstWord(recipient)),")
            lines.append("")
        }
        var paragraph: [String] = []
        for _ in 0..<(1 + rng.below(4)) { paragraph.append(rng.pick(sentences)) }
        lines.append(paragraph.joined(separator: " "))
        lines.append("")
        lines.append("Best,")
        lines.append(sender.firstName)
        return lines.joined(separator: "\r\n")
    }

    static func replyBody(from sender: Person, parentSender: Person, parentTime: Int64, _ rng: inout SeededRandom) -> String {
        [
            rng.pick(replyOpeners) + " " + rng.pick(sentences), "",
            sender.firstName, "",
            "On \(iso8601(parentTime)), \(parentSender.name) <\(parentSender.address)> wrote:",
            "> " + rng.pick(sentences),
        ].joined(separator: "\r\n")
    }

    static func automatedBody(from sender: Person, subject: String, _ rng: inout SeededRandom) -> String {
        var lines = [subject, "", rng.pick(sentences), ""]
        if case .automated(.newsletter) = sender.role {
            lines.append("You are receiving this because you subscribed. Unsubscribe: https://\(sender.domain)/unsubscribe")
        } else {
            lines.append("This is an automated message from \(sender.domain). Please do not reply.")
        }
        return lines.joined(separator: "\r\n")
    }

    /// Replaces each `{name}` in a template, drawing only the values the template uses.
    private static func fill(_ template: String, _ rng: inout SeededRandom, day: Day) -> String {
        expand(template, open: "{", close: "}") { name in
            switch name {
            case "project": rng.pick(Names.projects)
            case "company": companyName(rng.pick(Names.companies))
            case "team": rng.pick(Names.teams)
            case "city": rng.pick(Names.cities)
            case "weekday": Names.weekdays[1 + rng.below(5)]
            case "month": Names.months[day.month - 1]
            case "q": String((day.month - 1) / 3 + 1)
            default: String(10_000 + rng.below(90_000))
            }
        }
    }

    /// Copies `template`, replacing each `open`name`close` with `value(name)`. A plain scan:
    /// Foundation's searching was most of the generator's time.
    static func expand(_ template: String, open: Character, close: Character?, value: (Substring) -> String) -> String {
        var out = ""
        out.reserveCapacity(template.utf8.count + 16)
        var rest = template[...]
        while let start = rest.firstIndex(of: open) {
            out += rest[..<start]
            let afterOpen = rest.index(after: start)
            if let close, let end = rest[afterOpen...].firstIndex(of: close) {
                out += value(rest[afterOpen..<end])
                rest = rest[rest.index(after: end)...]
            } else {
                out += value(rest[start..<afterOpen])
                rest = rest[afterOpen...]
            }
        }
        out += rest
        return out
    }

    static func firstWord(_ name: String) -> Substring {
        name[..<(name.firstIndex(of: " ") ?? name.endIndex)]
    }

    /// "adventure-works.example" → "Adventure Works".
    static func companyName(_ domain: String) -> String {
        let stem = domain.split(separator: ".").first.map(String.init) ?? domain
        return stem.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
}
