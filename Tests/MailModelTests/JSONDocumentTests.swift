import Foundation
import MailModel
import Testing

/// The JSON pstscope writes: one shape whatever is missing, snake_case keys, sorted, slashes kept.
struct JSONDocumentTests {
    struct Row: Codable, Equatable {
        var filePath: String
        @Nullable var endTime: String?
        @Nullable var itemCount: Int?
        var note: String?
    }

    @Test func absentValuesAreNullOnlyWhereMarked() throws {
        let text = try JSONDocument.line(Row(filePath: "/a/b.pst", endTime: nil, itemCount: 3, note: nil))
        #expect(text == #"{"end_time":null,"file_path":"/a/b.pst","item_count":3}"#)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["end_time"] is NSNull)
        #expect(object["note"] == nil, "an unmarked optional is left out")
    }

    @Test func aDocumentIsIndentedSortedAndEndsInANewline() throws {
        let text = try JSONDocument.text(Row(filePath: "x", endTime: "2024-01-01T00:00:00Z", itemCount: nil, note: "n"))
        #expect(text.hasSuffix("}\n"))
        let keys = text.split(separator: "\n").compactMap { line in
            line.split(separator: "\"").dropFirst().first.map(String.init)
        }
        #expect(keys == ["end_time", "file_path", "item_count", "note"])
        #expect(text.contains(#""item_count" : null"#))
    }

    @Test func nullableReadsBackNullAndAbsentKeysAsNil() throws {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let withNull = try decoder.decode(Row.self, from: Data(#"{"file_path":"p","end_time":null,"item_count":2}"#.utf8))
        #expect(withNull == Row(filePath: "p", endTime: nil, itemCount: 2, note: nil))
        let absent = try decoder.decode(Row.self, from: Data(#"{"file_path":"p"}"#.utf8))
        #expect(absent.endTime == nil && absent.itemCount == nil)
    }
}
