import Foundation
import ShipKPIIO

/// Documents the extractor is compared on (with itself on both paths, and with the old decoder).
enum Corpus {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Document: CustomStringConvertible {
        var name: String
        var bytes: [UInt8]
        var description: String { name }
    }

    /// The edge lines of Tests/EndToEndTests/JSONFastPathTests.swift (`edgeLines`, copied: test
    /// targets cannot import each other): number forms DOM cannot keep, escapes in keys and
    /// values, surrogates, non-object roots, trailing content, nesting at and around the depth
    /// limit, and a document over the DOM size limit.
    static let edgeLines: [String] = {
        func nest(_ open: String, _ close: String, _ n: Int, _ inner: String = "") -> String {
            String(repeating: open, count: n) + inner + String(repeating: close, count: n)
        }
        var lines = [
            #"{"OrderCode":"N1","Status":-0,"Time":"2026-03-05 10:00:00"}"#,
            #"{"OrderCode":"N2","Status":25,"Time":"2026-03-05 10:00:00","RequestFeedbackCount":-0}"#,
            #"{"OrderCode":"N3","Status":25.0,"Time":"2026-03-05 10:00:00"}"#,
            #"{"OrderCode":"N3b","Status":2.5e1}"#,
            #"{"OrderCode":"N3c","Status":1E400}"#,
            #"{"OrderCode":"N4","Status":25,"RequestFeedbackCount":18446744073709551615}"#,
            #"{"OrderCode":"N4b","Status":25,"RequestFeedbackCount":99999999999999999999}"#,
            #"{"OrderCode":"N4c","Status":25,"RequestFeedbackCount":-9223372036854775808}"#,
            #"{"OrderInfo":{"OrderCode":"C1","ServiceTypeID":"DE","CODAmount":0}}"#,
            #"{"OrderInfo":{"OrderCode":"C2","ServiceTypeID":"DE","CODAmount":-0}}"#,
            #"{"OrderInfo":{"OrderCode":"C3","ServiceTypeID":"DE","CODAmount":0.0}}"#,
            #"{"OrderInfo":{"OrderCode":"C4","ServiceTypeID":"DE","CODAmount":5e5}}"#,
            #"{"OrderInfo":{"OrderCode":"C5","ServiceTypeID":"DE","CODAmount":12345678901234567890}}"#,
            #"{"OrderInfo":{"OrderCode":"C6","ServiceTypeID":"DE","CODAmount":-1,"Quantity":-0}}"#,
            #"{"OrderCode":"N\u00e9\ud83d\ude00","Status":"25"}"#,
            #"{"OrderCode":"N\ud800","Status":"25"}"#,
            "[1,2]", #""x""#, "42", "null", "true", "{}",
            #"{"OrderCode":"N5","Status":"25"} {"a":1}"#,
            #"{"OrderCode":"N5b","Status":"25"} x"#,
            #"{ "OrderCode" : "N6" , "Status" : -0 }"#,
            #"{"Order\u0043ode":"N7","Status":"25"}"#,
            #"{"OrderCode":"N8","Status":"25","St\u0061tus":"30"}"#,
            #"{"guide":{"currentStatus":{"status":2,"status":3},"guideNumber":"G"}}"#,
            #"{"value":-0,"statusObj":{"id":-0,"code":"X"},"dateTime":"2026-03-05 10:00:00","guide":"G9"}"#,
            #"{"receivedAt":"2026-03-05T10:00:00Z","payload":{"OrderCode":"E1","Status":-0}}"#,
            #"{"OrderCode":"N9","Status":"25","x":-0.0e-0,"y":[[],[[]],{}]}"#,
            #"{"OrderCode":"N10","Status":true}"#,
            #"{"OrderCode":"N11","Status":"25","DelayCode":-0}"#,
            #"{"OrderCode":"N12","Status":"25",}"#,
            #"{"OrderCode":"N14","Status":"25","RealWeight":1.0000000000000000000001}"#,
        ]
        for n in [61, 62, 63, 64] {
            lines.append(#"{"OrderCode":"D\#(n)","Status":"25","x":"# + nest("[", "]", n) + "}")
            lines.append(#"{"OrderCode":"O\#(n)","Status":"25","x":"# + nest(#"{"a":"#, "}", n, "1") + "}")
            lines.append(#"{"OrderCode":"P\#(n)","Status":"25","x":"# + nest("[", "]", n, "1") + "}")
        }
        // Over the DOM size limit (1 MiB): the walk decides both times.
        lines.append(#"{"OrderCode":"B1","Status":-0,"x":[[],"# + String(repeating: "7,", count: 700_000) + "8]}")
        return lines
    }()

    /// More edges, for the captured structure: every field kind holding every type, aliases,
    /// duplicates in nested frames, escapes in keys, captured containers nested near the limit,
    /// payload chains, attachments of each shape, whitespace the trimming must remove.
    static let extraLines: [String] = {
        func nest(_ open: String, _ close: String, _ n: Int, _ inner: String = "") -> String {
            String(repeating: open, count: n) + inner + String(repeating: close, count: n)
        }
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
            lines.append(nest(#"{"payload":"#, "}", n, #"{"OrderCode":"PC","Status":"1"}"#))
            lines.append(#"{"OrderCode":"X","ServiceTypeID":"DE","Packages":[{"Length":"# + nest("[", "]", n, "1") + "}]}")
            lines.append(nest(#"{"payload":"#, "}", n, #"{"Packages":[]}"#))
            lines.append(nest(#"{"payload":"#, "}", n, #"{"Packages":[{}]}"#))
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
        let bytes = try contents(ofFile: path)
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

    static func contents(ofFile path: String) throws -> [UInt8] {
        guard path.hasSuffix(".gz") else { return Array(try Data(contentsOf: URL(fileURLWithPath: path))) }
        let source = try GzipByteSource(path: path)
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { break }
            out += chunk[0 ..< n]
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
               !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                out.append(path)
            }
        }
        return out.sorted()
    }

    /// samples/ and the fuzz regressions, as documents.
    static func fileDocuments() throws -> [Document] {
        var out: [Document] = []
        for path in files(under: "samples") + files(under: "Tests/ShipKPIIOTests/FuzzRegressions") {
            out += try documents(ofFile: path)
        }
        return out
    }

    /// Everything: edge lines, extra lines, files.
    static func all() throws -> [Document] {
        var out = edgeLines.enumerated().map { Document(name: "edge \($0.offset + 1)", bytes: Array($0.element.utf8)) }
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
