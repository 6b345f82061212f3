import GRDB
import MailModel

/// A row of `import_sessions` with its rowid, which numbers the session's byte in STORE.lock.
struct ImportSessionRow: Decodable, FetchableRecord, TableRecord {
    static let databaseTableName = "import_sessions"
    static var databaseSelection: [any SQLSelectable] { [.rowID, .allColumns] }

    var rowid: Int64
    var id: String
    var startTime: String
    var endTime: String?
    var status: SessionStatus
    var pid: Int
    var host: String
    var command: String
    var custodian: String?
    var jobs: Int
    var resumes: Int
    /// The highest resident memory of the session's processes together.
    var peakRssKb: Int?
    var predictedSeconds: Double?
    var predictedPeakRssKb: Int?
    var predictionBasis: String?

    var prediction: ImportPrediction? {
        guard let predictedSeconds, let predictionBasis else { return nil }
        return ImportPrediction(seconds: predictedSeconds, peakRssKb: predictedPeakRssKb, basis: predictionBasis)
    }

    enum CodingKeys: String, CodingKey {
        case rowid, id, startTime = "start_time", endTime = "end_time", status, pid, host, command, custodian, jobs,
             resumes, peakRssKb = "peak_rss_kb", predictedSeconds = "predicted_seconds",
             predictedPeakRssKb = "predicted_peak_rss_kb", predictionBasis = "prediction_basis"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let startTime = Column(CodingKeys.startTime)
        static let status = Column(CodingKeys.status)
        static let host = Column(CodingKeys.host)
    }

    /// The error that says this session is running, and where.
    var runningError: StoreError { .sessionRunning(id: id, pid: pid, host: host) }
}
