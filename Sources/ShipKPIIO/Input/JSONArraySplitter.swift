import ShipKPIJSON
import Foundation
import ShipKPICore

/// Finds the elements of a top-level JSON array by scanning brackets and strings, so each can be
/// parsed (and rejected) on its own.
package enum JSONArraySplitter {
    package struct Element: Equatable {
        /// 1-based element index.
        package var index: Int
        package var range: Range<Int>
        /// False when the file ended inside this element (or after it without `]`).
        package var complete: Bool
    }

    /// Elements of the array starting at `from` (which holds `[`). Text after the closing `]`,
    /// or a missing `]`, becomes one more (invalid) element so that it is rejected, not ignored.
    package static func elements(_ raw: UnsafeRawBufferPointer, from: Int, to end: Int) -> [Element] {
        var out: [Element] = []
        var i = from + 1
        func skipSpace() { while i < end && isASCIIWhitespace(raw[i]) { i += 1 } }
        while true {
            skipSpace()
            if i >= end {
                // The file ends before `]`: a cut export.
                out.append(Element(index: out.count + 1, range: end ..< end, complete: false))
                return out
            }
            if raw[i] == UInt8(ascii: "]") {
                i += 1
                skipSpace()
                if i < end { out.append(Element(index: out.count + 1, range: i ..< end, complete: true)) }
                return out
            }
            let start = i
            var depth = 0
            var inString = false
            var stop: Int?
            while i < end {
                let b = raw[i]
                if inString {
                    if b == UInt8(ascii: "\\") { i += 2; continue }
                    if b == UInt8(ascii: "\"") { inString = false }
                } else if b == UInt8(ascii: "\"") {
                    inString = true
                } else if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                    depth += 1
                } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                    if depth == 0 { stop = i; break }
                    depth -= 1
                } else if b == UInt8(ascii: ",") && depth == 0 {
                    stop = i
                    break
                }
                i += 1
            }
            var last = min(i, end)
            while last > start && isASCIIWhitespace(raw[last - 1]) { last -= 1 }
            guard let stop else {
                out.append(Element(index: out.count + 1, range: start ..< last, complete: false))
                return out
            }
            out.append(Element(index: out.count + 1, range: start ..< last, complete: true))
            switch raw[stop] {
            case UInt8(ascii: ","): i = stop + 1
            case UInt8(ascii: "]"): i = stop
            default:
                // A stray `}` at the top of the array: the rest cannot be split reliably.
                out.append(Element(index: out.count + 1, range: stop ..< end, complete: true))
                return out
            }
        }
    }
}
