/// Removes credentials from a reject's text before it is written (SPEC §9).
///
/// Works on raw bytes, so it also protects lines that are not valid JSON or not valid UTF-8.
/// The text is first decoded leniently (`\uXXXX` and simple escapes), keeping for every decoded
/// byte the raw range it came from; then every spelling of "api key" (any case, with or without
/// `_`, `-`, space or `.` between the words) is looked for in the decoded text. The value after
/// each occurrence — from the next `:` or `=` to the end of its token — becomes `[REDACTED]`.
/// When no separator follows within a few bytes, everything after the name is removed: a
/// credential must never survive a layout the scanner did not foresee. Finally every configured
/// accepted key is replaced wherever it appears verbatim.
package enum Redactor {
    package static let marker = Array("[REDACTED]".utf8)
    /// Excerpts are cut to this many bytes (at a UTF-8 boundary).
    package static let excerptLimit = 1024

    /// The redacted text, cut to `excerptLimit` bytes.
    package static func redactedExcerpt(_ text: UnsafeRawBufferPointer, secrets: [[UInt8]]) -> [UInt8] {
        // Redact on a bounded prefix (plus slack for a key name cut at the limit): the rest is dropped anyway.
        let window = Array(text.prefix(excerptLimit * 4))
        var out = redact(window, secrets: secrets)
        if out.count > excerptLimit {
            var cut = excerptLimit
            while cut > 0 && (out[cut] & 0xC0) == 0x80 { cut -= 1 }
            out.removeSubrange(cut...)
        }
        return out
    }

    package static func redact(_ raw: [UInt8], secrets: [[UInt8]]) -> [UInt8] {
        let (decoded, origin) = leniently(raw)
        var cuts: [Range<Int>] = []  // raw ranges to replace by the marker
        var i = 0
        while let hit = findAPIKey(decoded, from: i) {
            let rawEnd = origin[hit.upperBound - 1].upperBound
            cuts.append(valueRange(raw, after: rawEnd))
            i = hit.upperBound
        }
        var out = apply(cuts, to: raw)
        for secret in secrets where !secret.isEmpty {
            out = replaceAll(secret, in: out)
        }
        return out
    }

    /// Decodes escapes leniently; `origin[k]` is the raw range of decoded byte `k`.
    static func leniently(_ raw: [UInt8]) -> ([UInt8], [Range<Int>]) {
        var decoded: [UInt8] = []
        var origin: [Range<Int>] = []
        decoded.reserveCapacity(raw.count)
        origin.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            if raw[i] == UInt8(ascii: "\\"), i + 1 < raw.count {
                if raw[i + 1] == UInt8(ascii: "u"), i + 5 < raw.count, let v = JSONText.hex4(raw, at: i + 2) {
                    // Only ASCII matters for the key name; other code points become a neutral byte.
                    decoded.append(v < 0x80 ? UInt8(v) : 0xFF)
                    origin.append(i ..< i + 6)
                    i += 6
                    continue
                }
                decoded.append(raw[i + 1])
                origin.append(i ..< i + 2)
                i += 2
                continue
            }
            decoded.append(raw[i])
            origin.append(i ..< i + 1)
            i += 1
        }
        return (decoded, origin)
    }

    /// The decoded range of the next "api key" spelling at or after `from`.
    static func findAPIKey(_ decoded: [UInt8], from: Int) -> Range<Int>? {
        func lower(_ b: UInt8) -> UInt8 { (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }
        var i = from
        while i + 6 <= decoded.count {
            if lower(decoded[i]) == UInt8(ascii: "a") && lower(decoded[i + 1]) == UInt8(ascii: "p") && lower(decoded[i + 2]) == UInt8(ascii: "i") {
                var j = i + 3
                while j < decoded.count && j < i + 6 && [UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: " "), UInt8(ascii: ".")].contains(decoded[j]) {
                    j += 1
                }
                if j + 3 <= decoded.count && lower(decoded[j]) == UInt8(ascii: "k") && lower(decoded[j + 1]) == UInt8(ascii: "e")
                    && lower(decoded[j + 2]) == UInt8(ascii: "y")
                {
                    return i ..< j + 3
                }
            }
            i += 1
        }
        return nil
    }

    /// The raw range of the value following a key name that ends at `start`.
    static func valueRange(_ raw: [UInt8], after start: Int) -> Range<Int> {
        var i = start
        // Skip the rest of the key token (closing quote, letters such as "s" in "ApiKeys") and
        // whitespace, up to the separator.
        var budget = 16
        while i < raw.count && budget > 0 && raw[i] != UInt8(ascii: ":") && raw[i] != UInt8(ascii: "=") {
            i += 1
            budget -= 1
        }
        guard i < raw.count, raw[i] == UInt8(ascii: ":") || raw[i] == UInt8(ascii: "=") else {
            return start ..< raw.count  // no separator where expected: drop everything after the name
        }
        i += 1
        while i < raw.count && (raw[i] == 0x20 || raw[i] == 0x09) { i += 1 }
        guard i < raw.count else { return i ..< i }
        let quote = raw[i]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            var j = i + 1
            while j < raw.count && raw[j] != quote {
                j += raw[j] == UInt8(ascii: "\\") ? 2 : 1
            }
            return (i + 1) ..< min(j, raw.count)
        }
        var j = i
        let stops: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D]
        while j < raw.count && !stops.contains(raw[j]) { j += 1 }
        return i ..< j
    }

    static func apply(_ cuts: [Range<Int>], to raw: [UInt8]) -> [UInt8] {
        guard !cuts.isEmpty else { return raw }
        // Merge overlapping ranges, then copy around them.
        let sorted = cuts.sorted { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for r in sorted {
            if let last = merged.last, r.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound ..< max(last.upperBound, r.upperBound)
            } else {
                merged.append(r)
            }
        }
        var out: [UInt8] = []
        var at = 0
        for r in merged {
            out += raw[at ..< r.lowerBound]
            out += marker
            at = r.upperBound
        }
        out += raw[at...]
        return out
    }

    static func replaceAll(_ needle: [UInt8], in hay: [UInt8]) -> [UInt8] {
        guard needle.count <= hay.count else { return hay }
        var out: [UInt8] = []
        var i = 0
        while i < hay.count {
            if i + needle.count <= hay.count && hay[i] == needle[0] && Array(hay[i ..< i + needle.count]) == needle {
                out += marker
                i += needle.count
            } else {
                out.append(hay[i])
                i += 1
            }
        }
        return out
    }
}
