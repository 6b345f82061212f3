import Foundation
import MailModel

/// What one worker read since its last batch, written in one transaction.
public struct Batch: Sendable {
    public var sessionID: String
    public var path: String
    public var sourceFileID: Int64
    public var folders: [IncomingFolder]
    public var messages: [IncomingMessage]
    public var failures: [IncomingError]
    public var readMilliseconds: Double
    /// The run's resources when the batch was handed over, if the run samples them.
    public var resources: ResourceReading?
    /// False when this session has recorded nothing of the file yet: no item needs the check.
    public var mayRepeat = true
    /// False when the run collects no analytics (`import --no-monitor`): no batch_metrics row.
    public var recordsMetrics = true

    public init(
        sessionID: String, path: String, sourceFileID: Int64, folders: [IncomingFolder] = [],
        messages: [IncomingMessage] = [], failures: [IncomingError] = [], readMilliseconds: Double = 0,
        resources: ResourceReading? = nil
    ) {
        self.sessionID = sessionID
        self.path = path
        self.sourceFileID = sourceFileID
        self.folders = folders
        self.messages = messages
        self.failures = failures
        self.readMilliseconds = readMilliseconds
        self.resources = resources
    }
}

/// What a batch did to the store.
public struct BatchOutcome: Sendable, Equatable {
    /// Items written as new messages.
    public var new = 0
    /// Items that were duplicates of messages already in the store.
    public var duplicates = 0
    /// Items this session had already recorded (a resumed run reading them again).
    public var alreadyRecorded = 0
    /// Emails among the items written, and how many of those were new.
    public var emails = 0
    public var newEmails = 0
}
