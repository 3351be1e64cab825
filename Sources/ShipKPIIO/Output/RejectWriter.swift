import ShipKPICore

/// Streams `rejects.ndjson` (SPEC §7, §8): one JSON object per rejected line, element or
/// remittance row, in input order: `file`, `line`, `byte_offset`, `reason`, `detail`, and `text`
/// (redacted, ≤ 1 KiB) only with `--include-pii`.
package final class RejectWriter {
    private let file: OutputFile
    private let paths: [String]
    package private(set) var count: Int64 = 0

    /// `paths`: display path of each input index (remittance files follow the JSON inputs).
    package init(file: OutputFile, paths: [String]) {
        self.file = file
        self.paths = paths
    }

    package func write(_ reject: Reject) throws {
        count += 1
        try file.append { out in
            out += Array("{\"file\":".utf8)
            let path = Int(reject.source.file) < paths.count ? paths[Int(reject.source.file)] : "?"
            JSONText.appendString(path, to: &out)
            out += Array(
                ",\"line\":\(reject.source.line),\"byte_offset\":\(reject.source.byteOffset),\"reason\":\"\(reject.reason.rawValue)\",\"detail\":".utf8)
            JSONText.appendString(reject.detail, to: &out)
            if let text = reject.text {
                out += Array(",\"text\":".utf8)
                text.withUnsafeBytes { JSONText.appendString($0, to: &out) }
            }
            out += Array("}\n".utf8)
        }
    }

    package func close() throws { try file.close() }
}
