/// How far one input of an import session got. The raw values are what the store, the session
/// record and the reports carry.
public enum FileStatus: String, Sendable, Codable, CaseIterable {
    /// Listed, not yet begun.
    case pending
    /// Begun; a run that stops here resumes it.
    case reading
    /// Every item read.
    case imported
    /// Read to the end, with items or properties that could not be read.
    case partial
    /// Could not be imported (missing, not a PST, damaged beyond opening, reader failed).
    case failed
    /// The same content as another input of the session.
    case skipped

    /// Still to do when the session resumes.
    public var isUnfinished: Bool { self == .pending || self == .reading }
}

/// Where an import session stands.
public enum SessionStatus: String, Sendable, Codable, CaseIterable {
    /// Its process is importing (it holds the session's lock).
    case running
    case completed
    /// Stopped (Ctrl-C, killed, crashed) before its end: `import --resume` goes on with it.
    case interrupted
}

/// Why a file or an item could not be imported. The raw values are what the store, the JSON
/// session record and the event log carry.
public enum ImportErrorKind: String, Sendable, Codable, CaseIterable {
    case notFound = "not_found"
    case notAFile = "not_a_file"
    case noPSTFiles = "no_pst_files"
    case permissionDenied = "permission_denied"
    case ioError = "io_error"
    case emptyFile = "empty_file"
    case notPST = "not_pst"
    case corruptFile = "corrupt_file"
    case truncatedFile = "truncated_file"
    /// An item whose content could not be read: not imported.
    case unreadableItem = "unreadable_item"
    /// A property that could not be read: its item is imported without it.
    case unreadableProperty = "unreadable_property"
    case workerCrashed = "worker_crashed"
    case workerFailed = "worker_failed"
    case workerTimeout = "worker_timeout"
}
