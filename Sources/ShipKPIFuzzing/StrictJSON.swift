import ShipKPIIO

/// An independent, deliberately simple RFC 8259 validator: the fuzz harness's oracle for the
/// decoder's JSON verdicts (the shim validates through simdjson, its own number check and a span
/// validator for skipped containers; all three must agree with the grammar).
enum StrictJSON {
    enum Verdict: Equatable {
        case valid
        case invalid
        /// Where two honest readings differ: escaped surrogates (grammatical, not Unicode) and
        /// nesting near the decoder's depth limit.
        case ambiguous
    }

    /// The verdict on one document; `limit` is the decoder's maximum depth.
    static func verdict(_ bytes: UnsafeRawBufferPointer, limit: Int) -> Verdict {
        guard validUTF8(bytes) else { return .invalid }
        var parser = Parser(b: bytes)
        parser.ws()
        var ok = parser.value(depth: 1)
        parser.ws()
        ok = ok && parser.i == bytes.count
        guard ok else { return parser.surrogate ? .ambiguous : .invalid }
        if parser.surrogate { return .ambiguous }
        // A container at level n holds values at level n + 1; the decoder counts one of the two.
        if parser.deepest <= limit - 1 { return .valid }
        return parser.deepest >= limit + 2 ? .invalid : .ambiguous
    }

    static func validUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        String(validating: bytes, as: UTF8.self) != nil
    }

    struct Parser {
        let b: UnsafeRawBufferPointer
        var i = 0
        var deepest = 0
        var surrogate = false

        mutating func ws() {
            while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 }
        }

        func at(_ c: UInt8) -> Bool { i < b.count && b[i] == c }

        mutating func value(depth: Int) -> Bool {
            deepest = max(deepest, depth)
            // Far past any limit: stop recursing (the verdict is "too deep" either way).
            guard depth < 200, i < b.count else { return false }
            switch b[i] {
            case UInt8(ascii: "{"):
                i += 1
                ws()
                if at(UInt8(ascii: "}")) { i += 1; return true }
                while true {
                    guard at(UInt8(ascii: "\"")), string() else { return false }
                    ws()
                    guard at(UInt8(ascii: ":")) else { return false }
                    i += 1
                    ws()
                    guard value(depth: depth + 1) else { return false }
                    ws()
                    if at(UInt8(ascii: ",")) { i += 1; ws(); continue }
                    guard at(UInt8(ascii: "}")) else { return false }
                    i += 1
                    return true
                }
            case UInt8(ascii: "["):
                i += 1
                ws()
                if at(UInt8(ascii: "]")) { i += 1; return true }
                while true {
                    guard value(depth: depth + 1) else { return false }
                    ws()
                    if at(UInt8(ascii: ",")) { i += 1; ws(); continue }
                    guard at(UInt8(ascii: "]")) else { return false }
                    i += 1
                    return true
                }
            case UInt8(ascii: "\""):
                return string()
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default:
                return number()
            }
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let n = word.utf8CodeUnitCount
            guard i + n <= b.count else { return false }
            for k in 0 ..< n where b[i + k] != word.utf8Start[k] { return false }
            i += n
            return true
        }

        mutating func digits() -> Int {
            let start = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            return i - start
        }

        mutating func number() -> Bool {
            if at(UInt8(ascii: "-")) { i += 1 }
            if at(UInt8(ascii: "0")) {
                i += 1
            } else if i < b.count, b[i] >= 0x31, b[i] <= 0x39 {
                _ = digits()
            } else {
                return false
            }
            if at(UInt8(ascii: ".")) {
                i += 1
                guard digits() > 0 else { return false }
            }
            if at(UInt8(ascii: "e")) || at(UInt8(ascii: "E")) {
                i += 1
                if at(UInt8(ascii: "+")) || at(UInt8(ascii: "-")) { i += 1 }
                guard digits() > 0 else { return false }
            }
            return true
        }

        mutating func string() -> Bool {
            i += 1  // opening quote
            while i < b.count {
                let c = b[i]
                if c == UInt8(ascii: "\"") { i += 1; return true }
                if c < 0x20 { return false }
                if c != UInt8(ascii: "\\") { i += 1; continue }
                guard i + 1 < b.count else { return false }
                switch b[i + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 2
                case UInt8(ascii: "u"):
                    guard i + 6 <= b.count, let v = JSONText.hex4(b, at: i + 2) else { return false }
                    if v >= 0xD800 && v <= 0xDFFF { surrogate = true }
                    i += 6
                default:
                    return false
                }
            }
            return false
        }
    }
}
