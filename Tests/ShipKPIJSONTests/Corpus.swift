import Foundation
import ShipKPIIO
import ShipKPITestSupport

/// Documents the extractor is compared on (with itself on both paths, and with the old decoder).
enum Corpus {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Document: CustomStringConvertible {
        var name: String
        var bytes: [UInt8]
        var description: String { name }
    }

    /// More edges, for the captured structure: every field kind holding every type, aliases,
    /// duplicates in nested frames, escapes in keys, captured containers nested near the limit,
    /// payload chains, attachments of each shape, whitespace the trimming must remove.
    static let extraLines: [String] = {
        var lines = [
            #"{"OrderCode":" \f\u000b A \t\n","Status":"\r 25 \u000c","Time":"  "}"#,
            #"{"OrderCode":"A","ServiceTypeID":"DE","Packages":[{"Length":1,"Width":2.5,"Height":"3","RealWeight":null},7,{"Length":1,"Length":2},[],{}],"ExtraServices":[{"ServiceID":"DVBH"},{"ServiceID":" DVBH "},"x"],"ExtraService":[]}"#,
            #"{"OrderInfo":{"OrderCode":"A","ServiceTypeID":"DE","Packages":{},"ExtraService":{"ServiceID":"DVBH"}}}"#,
            #"{"OrderInfo":[1],"Data":{"Orders":[{"Histories":[{"OrderCode":"H1","Status":"1"},{"OrderCode":"H2"},1,{"OrderCode":"H3","Status":"2","Status":"3"}]},7,{"Histories":{}}]}}"#,
            #"{"Data":{"Orders":[{"Histories":[]},{"Histories":[{"OrderCode":"H4","Status":-0.5,"Time":1e5}]}],"Orders":2}}"#,
            #"{"guide":{"guideNumber":"G1","currentStatus":{"status":"S","code":"C","date":1741170000000,"time":"10:00:00"},"POD":"  ","POD_B64":[],"format":{"a":1}}}"#,
            #"{"guide":{"guideNumber":"G1","currentStatus":[],"POD":" x","POD_B64":[1],"format":{}}}"#,
            #"{"value":"G2","statusObj":{"id":"S","code":"C","id":"T"},"dateTimeISO":"2026-03-05T10:00:00Z","dateTime":"x","date":"y","POD":[ ],"POD_B64":"  \t"}"#,
            #"{"value":"G2","statusObj":"S","POD":true,"POD_B64":0}"#,
            #"{"receivedAt":" R ","payload":{"receivedAt":"Q","payload":{"OrderCode":"E2","Status":"1"},"OrderCode":"E3","Status":"2"}}"#,
            #"{"payload":7,"receivedAt":1}"#,
            #"{"\u004f\u0072\u0064\u0065\u0072\u0043\u006f\u0064\u0065":"K","Status":"1","\"":2,"":3,"OrderCod\u0065":"dup"}"#,
            #"{"OrderCode":"\ud83d\ude00\u0000\\\/\b\n","Status":"\u00e9","Mailman":false,"ApiKey":true,"DelayCode":null,"DelayNotes":[1,{"a":[]}],"Time":{"x":"\u12"}}"#,
            #"{"OrderCode":"N","Status":1E+2,"RequestFeedbackCount":-12.5e-3,"Mailman":123456789012345678901234567890,"ApiKey":0,"DelayCode":-0.0}"#,
            #"{"OrderCode":"Z","Status":0,"x":"-0"}"#,
            #"{"OrderCode":"Z","Status":0,"x":[-0]}"#,
            #"{"OrderCode":"Z","Status":0, "x" : -0 }"#,
            #"{"OrderCode":"Z","Status":[0,-0]}"#,
            #"  {"OrderCode":"ws","Status":"1"}  "#,
            #"{"OrderCode":"bad","Status":"1","x":[1,2,]}"#,
            #"{"OrderCode":"bad","Status":"1","POD":[1,2 3]}"#,
            #"{"OrderCode":"bad","Status":tru}"#,
            #"{"OrderCode":"bad","Status":"1","Packages":[{"Length":01}]}"#,
            #"{"OrderCode":"bad","Status":"1","Packages":[{"Length":1}"#,
            #"{"OrderCode":"bad\x","Status":"1"}"#,
            #"{"OrderCode":"bad","Status":"\ud800\u0041"}"#,
            #"{"OrderCode":"bad","Status":"1"}}"#,
            #"{"OrderCode":"bad","Status":"1","guide":{"POD":"\q"}}"#,
            #"{"a":nul}"#, #"{"a":1.}"#, #"{"a":-}"#, #"{"a":.5}"#, #"{"a":1e}"#, #"{"a":+1}"#, #"{"a":0x1}"#,
            "", " ", "{", "}", "[", "]", "[1,]", #"{"a"}"#, #"{"a":}"#, #"{,}"#, #"{"a":1"b":2}"#, "nul", "01", "-", #""\u00""#,
            #"{"OrderCode":"ctl"# + "\u{01}" + #"","Status":"1"}"#,
        ]
        // Captured containers (OrderInfo, Packages, payload chains) nested at and around the limit.
        for n in [30, 31, 32, 33, 62, 63, 64, 65] {
            lines.append(JSONEdgeLines.nested(open: #"{"payload":"#, close: "}", depth: n, inner: #"{"OrderCode":"PC","Status":"1"}"#))
            lines.append(
                #"{"OrderCode":"X","ServiceTypeID":"DE","Packages":[{"Length":"# + JSONEdgeLines.nested(open: "[", close: "]", depth: n, inner: "1") + "}]}")
            lines.append(JSONEdgeLines.nested(open: #"{"payload":"#, close: "}", depth: n, inner: #"{"Packages":[]}"#))
            lines.append(JSONEdgeLines.nested(open: #"{"payload":"#, close: "}", depth: n, inner: #"{"Packages":[{}]}"#))
        }
        return lines
    }()

    /// Lines as documents (as the product reads NDJSON: split at LF, a CR before it dropped).
    static func lines(_ name: String, _ bytes: [UInt8]) -> [Document] {
        var out: [Document] = []
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var number = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            number += 1
            var line = Array(bytes[start ..< end])
            if line.last == 0x0D { line.removeLast() }
            if line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }) {
                out.append(Document(name: "\(name):\(number)", bytes: line))
            }
            start = end + 1
        }
        return out
    }

    /// A file as the product reads it (whole, lines, array elements) and more (whole even when
    /// it is NDJSON: the error paths of the trailing content).
    static func documents(ofFile path: String) throws -> [Document] {
        let name = String(path.dropFirst(repository.path.count + 1))
        let bytes = try fileContents(atPath: path)
        var out = [Document(name: name, bytes: bytes)]
        out += lines(name, bytes)
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < bytes.count && [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        if i < bytes.count && bytes[i] == UInt8(ascii: "[") {
            let elements = bytes.withUnsafeBytes { JSONArraySplitter.elements($0, from: i, to: bytes.count) }
            for e in elements { out.append(Document(name: "\(name)[\(e.index)]", bytes: Array(bytes[e.range]))) }
        }
        return out
    }

    static func files(under directory: String) -> [String] {
        let root = repository.appendingPathComponent(directory).path
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var out: [String] = []
        for case let relative as String in walker {
            var isDirectory: ObjCBool = false
            let path = root + "/" + relative
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") })
            {
                out.append(path)
            }
        }
        return out.sorted()
    }

    /// samples/ and the fuzz regressions, as documents.
    static func fileDocuments() throws -> [Document] {
        var out: [Document] = []
        let regressions = FuzzRegressions.names.map { FuzzRegressions.directory.appendingPathComponent($0).path }
        for path in files(under: "samples") + regressions {
            out += try documents(ofFile: path)
        }
        return out
    }

    /// Everything: edge lines, extra lines, files.
    static func all() throws -> [Document] {
        var out = JSONEdgeLines.lines.enumerated().map { Document(name: "edge \($0.offset + 1)", bytes: Array($0.element.utf8)) }
        out += extraLines.enumerated().map { Document(name: "extra \($0.offset + 1)", bytes: Array($0.element.utf8)) }
        out += try fileDocuments()
        out.append(Document(name: "invalid UTF-8", bytes: Array(#"{"OrderCode":""#.utf8) + [0xC3, 0x28] + Array(#"","Status":"1"}"#.utf8)))
        out.append(Document(name: "invalid UTF-8 key", bytes: Array(#"{""#.utf8) + [0xFF] + Array(#"":1}"#.utf8)))
        out.append(Document(name: "big POD", bytes: bigPOD(megabytes: 2)))
        out.append(Document(name: "big POD array", bytes: bigPODArray(megabytes: 2)))
        return out
    }

    /// A webhook line with a `megabytes`-MB base64 proof of delivery (a >1 MiB document).
    static func bigPOD(megabytes: Int) -> [UInt8] {
        Array(#"{"OrderCode":"BIG","Status":"5","POD_B64":""#.utf8) + [UInt8](repeating: UInt8(ascii: "Q"), count: megabytes << 20)
            + Array(#"","Time":"2026-03-05 10:00:00"}"#.utf8)
    }

    /// The same as a byte array (`[137,80,78,…]`).
    static func bigPODArray(megabytes: Int) -> [UInt8] {
        var out = Array(#"{"guide":{"guideNumber":"G","currentStatus":{"status":"1"},"POD":["#.utf8)
        let item = Array("137, ".utf8)
        for _ in 0 ..< (megabytes << 20) / item.count { out += item }
        out += Array("80]}}".utf8)
        return out
    }
}
