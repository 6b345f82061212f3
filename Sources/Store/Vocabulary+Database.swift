import GRDB
import MailModel

// The shared vocabulary is stored as its raw values. MailModel knows nothing of databases, so
// the conformances live with the store.
extension ItemKind: DatabaseValueConvertible {}
extension RecipientKind: DatabaseValueConvertible {}
extension FileStatus: DatabaseValueConvertible {}
extension SessionStatus: DatabaseValueConvertible {}
extension ImportErrorKind: DatabaseValueConvertible {}
extension SenderClass: DatabaseValueConvertible {}
extension GapContext: DatabaseValueConvertible {}
extension AlertKind: DatabaseValueConvertible {}
extension AlertSeverity: DatabaseValueConvertible {}
extension ZoneSource: DatabaseValueConvertible {}

/// An alert is stored as itself: its fields are the columns of `alerts`.
extension Alert: FetchableRecord {}
