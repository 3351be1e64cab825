import Foundation
import Logging
import ShipKPIIO

/// Writes log records to stderr, one line each (the command line's logging backend: the
/// libraries only log through swift-log's `Logger` and never write to stderr themselves): `text` for people, `json` for log shippers
/// (`{"ts":…,"level":…,"message":…,<metadata>}`). Messages and metadata never carry input values
/// beyond file paths and counts, so no credential or personal data reaches the logs.
struct StderrLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level
    let format: LogFormat
    let label: String

    init(label: String, format: LogFormat, level: Logger.Level) {
        self.label = label
        self.format = format
        self.logLevel = level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let level = event.level
        let message = event.message
        let explicit = event.metadata
        var all = metadata
        if let explicit { all.merge(explicit) { $1 } }
        var line: [UInt8] = []
        switch format {
        case .text:
            // For people: the message says it all (metadata is for log shippers, in JSON).
            line = Array("shipkpi: \(level == .info ? "" : "\(level): ")\(message)\n".utf8)
        case .json:
            line += Array("{\"ts\":".utf8)
            JSONText.appendString(ISO8601DateFormatter().string(from: Date()), to: &line)
            line += Array(",\"level\":".utf8)
            JSONText.appendString(level.rawValue, to: &line)
            line += Array(",\"logger\":".utf8)
            JSONText.appendString(label, to: &line)
            line += Array(",\"message\":".utf8)
            JSONText.appendString(message.description, to: &line)
            for key in all.keys.sorted() {
                line.append(UInt8(ascii: ","))
                JSONText.appendString(key, to: &line)
                line.append(UInt8(ascii: ":"))
                Self.appendJSON(all[key]!, to: &line)
            }
            line += Array("}\n".utf8)
        }
        FileHandle.standardError.write(Data(line))
    }

    static func appendJSON(_ value: Logger.MetadataValue, to out: inout [UInt8]) {
        switch value {
        case .string(let s): JSONText.appendString(s, to: &out)
        case .stringConvertible(let c):
            let s = c.description
            if Double(s) != nil, s.first != "+" { out += Array(s.utf8) } else { JSONText.appendString(s, to: &out) }
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                appendJSON(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .dictionary(let dict):
            out.append(UInt8(ascii: "{"))
            for (i, key) in dict.keys.sorted().enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.appendString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                appendJSON(dict[key]!, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}
