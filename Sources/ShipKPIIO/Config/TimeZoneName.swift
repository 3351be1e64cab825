import Foundation
import ShipKPICore

/// Time-zone names as the command line and the config file accept them.
package enum TimeZoneName {
    /// An IANA zone name (`Asia/Ho_Chi_Minh`, `UTC`) or a fixed offset `±HH:MM` (up to ±14:59);
    /// nil for anything else.
    package static func resolve(_ id: String) -> TimeZone? {
        if let z = TimeZone(identifier: id) { return z }
        let bytes = Array(id.utf8)
        guard bytes.count == 6, bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-"), bytes[3] == UInt8(ascii: ":"),
            let h = Int(String(decoding: bytes[1 ..< 3], as: UTF8.self)), let m = Int(String(decoding: bytes[4 ..< 6], as: UTF8.self)),
            h <= 14, m < 60
        else { return nil }
        let seconds = (h * 3600 + m * 60) * (bytes[0] == UInt8(ascii: "-") ? -1 : 1)
        return TimeZone(secondsFromGMT: seconds)
    }
}
