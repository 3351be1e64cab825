/// Writes JSON strings from arbitrary bytes: escapes quotes, backslashes and control characters,
/// and replaces invalid UTF-8 with U+FFFD so the output is always valid JSON and valid UTF-8.
package enum JSONText {
    private static let hex = Array("0123456789abcdef".utf8)

    /// Appends `"…"` for `bytes`.
    package static func appendString(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                switch b {
                case UInt8(ascii: "\""): out += [0x5C, 0x22]
                case UInt8(ascii: "\\"): out += [0x5C, 0x5C]
                case 0x0A: out += [0x5C, UInt8(ascii: "n")]
                case 0x0D: out += [0x5C, UInt8(ascii: "r")]
                case 0x09: out += [0x5C, UInt8(ascii: "t")]
                case 0x00 ..< 0x20, 0x7F:
                    out += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]]
                default: out.append(b)
                }
                i += 1
                continue
            }
            let len = validSequenceLength(bytes, at: i)
            if len == 0 {
                out += [0xEF, 0xBF, 0xBD]  // U+FFFD
                i += 1
            } else {
                for k in 0 ..< len { out.append(bytes[i + k]) }
                i += len
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    package static func appendString(_ s: String, to out: inout [UInt8]) {
        var copy = s
        copy.withUTF8 { appendString(UnsafeRawBufferPointer($0), to: &out) }
    }

    package static func quoted(_ s: String) -> String {
        var out: [UInt8] = []
        appendString(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Length of the valid UTF-8 sequence starting at `i` (0 when invalid), per RFC 3629.
    static func validSequenceLength(_ b: UnsafeRawBufferPointer, at i: Int) -> Int {
        let n = b.count
        let c0 = b[i]
        func cont(_ k: Int) -> Bool { i + k < n && (b[i + k] & 0xC0) == 0x80 }
        switch c0 {
        case 0xC2 ... 0xDF:
            return cont(1) ? 2 : 0
        case 0xE0:
            return i + 1 < n && b[i + 1] >= 0xA0 && b[i + 1] <= 0xBF && cont(2) ? 3 : 0
        case 0xE1 ... 0xEC, 0xEE ... 0xEF:
            return cont(1) && cont(2) ? 3 : 0
        case 0xED:
            return i + 1 < n && b[i + 1] >= 0x80 && b[i + 1] <= 0x9F && cont(2) ? 3 : 0
        case 0xF0:
            return i + 1 < n && b[i + 1] >= 0x90 && b[i + 1] <= 0xBF && cont(2) && cont(3) ? 4 : 0
        case 0xF1 ... 0xF3:
            return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4:
            return i + 1 < n && b[i + 1] >= 0x80 && b[i + 1] <= 0x8F && cont(2) && cont(3) ? 4 : 0
        default:
            return 0
        }
    }
}
