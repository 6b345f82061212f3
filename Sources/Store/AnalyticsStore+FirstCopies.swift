import GRDB

/// A message that several files of one session hold is new in the first of them, in the order
/// the files were given, and at the lowest node id within that file (Outlook numbers items as
/// they arrive). While the session runs, whichever copy was written first was marked new; with
/// files read side by side, or a run interrupted and resumed, that depends on timing. Settling
/// it at the end makes a session's counts depend on its inputs alone.
extension AnalyticsStore {
    static func settleFirstCopies(session: String, _ db: Database) throws {
        // Only messages this session created and saw more than once can have been misplaced.
        try db.execute(sql: """
            CREATE TEMP TABLE first_copies AS
            SELECT message_id, source_file_id, item_id FROM (
                SELECT s.message_id, s.source_file_id, s.item_id,
                       ROW_NUMBER() OVER (PARTITION BY s.message_id ORDER BY f.position, s.item_id) AS rank
                FROM sightings s
                JOIN (SELECT source_file_id, MIN(position) AS position FROM session_files
                      WHERE session_id = ?1 GROUP BY source_file_id) f ON f.source_file_id = s.source_file_id
                WHERE s.session_id = ?1 AND s.message_id IN (
                    SELECT d.message_id FROM sightings d JOIN messages m ON m.id = d.message_id
                    WHERE d.session_id = ?1 AND d.is_new = 0 AND m.first_session_id = ?1))
            WHERE rank = 1
            """, arguments: [session])
        defer { try? db.execute(sql: "DROP TABLE temp.first_copies") }
        try db.execute(sql: """
            UPDATE sightings SET is_new = EXISTS (
                SELECT 1 FROM first_copies c
                WHERE c.source_file_id = sightings.source_file_id AND c.item_id = sightings.item_id)
            WHERE session_id = ? AND message_id IN (SELECT message_id FROM first_copies)
            """, arguments: [session])
        try db.execute(sql: """
            UPDATE messages SET first_source_file_id = (
                SELECT source_file_id FROM first_copies c WHERE c.message_id = messages.id)
            WHERE id IN (SELECT message_id FROM first_copies)
            """)
    }
}
