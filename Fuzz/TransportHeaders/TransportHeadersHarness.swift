import FuzzSupport
import PSTReader

/// PidTagTransportMessageHeaders as a message carries it: any text, read for From:,
/// Message-ID, In-Reply-To, References, the bulk-mail fields and the Date: field's zone.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let headers = TransportHeaders(String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self))
    // The byte, not the Character: a combining mark after the "@" makes one Character of both.
    if let from = headers.from { precondition(from.utf8.contains(UInt8(ascii: "@")), "an address without @") }
    for id in [headers.messageID, headers.inReplyTo].compactMap({ $0 }) + headers.references {
        precondition(!id.isEmpty, "an empty Message-ID")
    }
    _ = headers.bulk
    if let offset = headers.dateOffset { precondition(abs(offset.minutes) < 24 * 60, "an offset beyond a day") }
    return 0
}

@main enum TransportHeadersHarness {
    static func main() { FuzzMain.run(fuzz) }
}
