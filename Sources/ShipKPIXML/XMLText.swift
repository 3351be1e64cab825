/// Makes arbitrary text safe to hand to libxml2.
///
/// libxml2 writes characters that XML 1.0 forbids (U+0001, U+000B, U+FFFE…) unchanged and reports
/// success; the result then does not re-parse. Every text and attribute value is passed through
/// ``sanitize(_:)`` before it reaches libxml2, so a report is well-formed whatever the input held.
package enum XMLText {
    /// Replaces each character XML 1.0 forbids with U+FFFD REPLACEMENT CHARACTER.
    ///
    /// Kept: U+0009, U+000A, U+000D, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF (the `Char`
    /// production). Replaced: U+0000–U+001F except tab, LF and CR, and U+FFFE, U+FFFF. Surrogates
    /// cannot occur in a Swift `String`. Non-characters such as U+FDD0 or U+1FFFE are allowed by
    /// XML 1.0 and kept.
    ///
    /// O(n) over the UTF-8 bytes; returns `text` itself, without copying, when nothing needs replacing
    /// (the usual case).
    package static func sanitize(_ text: String) -> String {
        guard needsReplacing(text) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            result.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
        }
        return String(result)
    }

    /// `text` sanitised and made legal as comment content: XML forbids `--` inside a comment and a `-`
    /// right before the closing `-->`, so a space is put between adjacent hyphens and after a
    /// trailing one.
    package static func commentSafe(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in sanitize(text).unicodeScalars {
            if scalar == "-" && previous == "-" { result.append(" ") }
            result.append(scalar)
            previous = scalar
        }
        if previous == "-" { result.append(" ") }
        return String(result)
    }

    /// Whether `text` holds a forbidden character; scans the UTF-8 bytes in place (Swift strings are
    /// contiguous UTF-8; the copy is only for bridged strings).
    private static func needsReplacing(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(containsForbidden)
            ?? Array(text.utf8).withUnsafeBufferPointer(containsForbidden)
    }

    /// Whether `bytes` (valid UTF-8) encode a C0 control other than tab, LF, CR (one byte each) or
    /// U+FFFE / U+FFFF (`EF BF BE`, `EF BF BF`).
    private static func containsForbidden(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in bytes.indices {
            let byte = bytes[i]
            if byte < 0x20 {
                if byte != 0x09 && byte != 0x0A && byte != 0x0D { return true }
            } else if byte == 0xEF && i + 2 < bytes.count && bytes[i + 1] == 0xBF && bytes[i + 2] >= 0xBE {
                return true
            }
        }
        return false
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20 ... 0xD7FF, 0xE000 ... 0xFFFD, 0x10000 ... 0x10FFFF: true
        default: false
        }
    }
}
