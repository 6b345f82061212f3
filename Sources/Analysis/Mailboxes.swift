import MailModel
import Store

/// Whose mailbox each source file is: the custodians, their files, and their own addresses
/// (the owners of their files). A message belongs to the mailbox of every file that holds it.
struct Mailboxes: Sendable {
    private(set) var custodians: [String] = []
    private(set) var fileCustodian: [Int64: Int] = [:]
    private(set) var filePaths: [Int64: String] = [:]
    private(set) var owners: [Set<String>] = []

    init(files: [TimelineFile]) {
        for file in files {
            let index = custodians.firstIndex(of: file.custodian) ?? {
                custodians.append(file.custodian)
                owners.append([])
                return custodians.count - 1
            }()
            fileCustodian[file.id] = index
            filePaths[file.id] = file.path
            if let owner = file.ownerEmail?.lowercased() { owners[index].insert(owner) }
        }
    }

    /// The custodians whose files hold a message, each once.
    func custodians(of files: [Int64]) -> [Int] {
        var found: [Int] = []
        for file in files {
            if let custodian = fileCustodian[file], !found.contains(custodian) { found.append(custodian) }
        }
        return found
    }
}

/// The years a scan has seen dated mail in.
struct YearSpan: Sendable {
    private var first: Int?, last: Int?

    mutating func include(_ date: Int64?) {
        guard let date else { return }
        let day = Day(containing: date).index
        first = min(first ?? day, day)
        last = max(last ?? day, day)
    }

    var years: ClosedRange<Int>? {
        guard let first, let last else { return nil }
        return Day(index: first).year...Day(index: last).year
    }
}
