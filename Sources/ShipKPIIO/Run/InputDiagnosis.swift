import ShipKPICore

/// Says what an input probably is when not one of its lines could be read as an export record:
/// the mistakes a user makes (a remittance statement passed as an export, gzip data on stdin).
package enum InputDiagnosis {
    /// A short sentence, from the input's first bytes.
    package static func likelyCause(_ head: [UInt8]) -> String {
        if head.count >= 2 && head[0] == 0x1F && head[1] == 0x8B {
            return "this is gzip-compressed data read as text: give the file a .gz name, or pipe it through gzip -dc"
        }
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let firstLine = bytes.prefix { $0 != 0x0A }
        let text = String(decoding: firstLine, as: UTF8.self).lowercased()
        let first = bytes.first { !isASCIIWhitespace($0) }
        if first != UInt8(ascii: "{") && first != UInt8(ascii: "[") {
            if text.contains(","), text.contains("ordercode") || text.contains("amount") {
                return "this looks like a remittance statement: use --remittance"
            }
            return "this does not look like JSON or NDJSON (carrier exports are JSON objects, one per line)"
        }
        return "see rejects.ndjson for each line's reason"
    }
}
