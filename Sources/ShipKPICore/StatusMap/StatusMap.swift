/// The status and reason tables, per carrier, with allocation-free lookup by raw code bytes.
///
/// Built from rows in order; a later row with the same (kind, carrier, code) replaces an earlier
/// one, which is how `--status-map FILE` extends or overrides the shipped map. Codes are compared
/// as trimmed text (callers pass trimmed bytes: `25`, `"25"` and `" 25 "` are one code).
package struct StatusMap: Sendable {
    private var statusKeys: [ByteInterner]
    private var statusValues: [[StatusInfo]]
    private var reasonKeys: [ByteInterner]
    private var reasonValues: [[ReasonInfo]]
    /// Per carrier: index into `statusValues` + 1 for the codes "0"…"9999" written as plain
    /// decimals (0 = not mapped): carrier codes are small numbers, so most lookups skip hashing.
    private var numericStatus: [[Int32]]
    /// The rows in effect, in (kind, carrier, code) first-definition order — for `shipkpi status-map`.
    package private(set) var rows: [StatusMapRow] = []

    /// The map of `rows` for a run with `carriers` carriers (rows name carriers of that run).
    package init(carriers: Int, rows: [StatusMapRow]) {
        statusKeys = (0 ..< carriers).map { _ in ByteInterner() }
        reasonKeys = (0 ..< carriers).map { _ in ByteInterner() }
        statusValues = Array(repeating: [], count: carriers)
        reasonValues = Array(repeating: [], count: carriers)
        numericStatus = Array(repeating: [Int32](repeating: 0, count: 10_000), count: carriers)
        for row in rows { apply(row) }
    }

    /// Applies `rows` on top of this map (override or add).
    package func merging(_ extra: [StatusMapRow]) -> StatusMap {
        var copy = self
        for row in extra { copy.apply(row) }
        return copy
    }

    private mutating func apply(_ row: StatusMapRow) {
        let c = row.carrier.index
        let code = row.code.trimmingASCIIWhitespace()
        switch row.kind {
        case .status:
            guard let info = row.status else { return }
            let (id, inserted) = statusKeys[c].internString(code)
            if inserted { statusValues[c].append(info) } else { statusValues[c][Int(id)] = info }
            var bytes = code
            if let n = bytes.withUTF8({ Self.smallDecimal(UnsafeRawBufferPointer($0)) }) { numericStatus[c][n] = id + 1 }
        case .reason:
            guard let info = row.reason else { return }
            let (id, inserted) = reasonKeys[c].internString(code)
            if inserted { reasonValues[c].append(info) } else { reasonValues[c][Int(id)] = info }
        }
        var stored = row
        stored.code = code
        if let i = rows.firstIndex(where: { $0.kind == row.kind && $0.carrier == row.carrier && $0.code == code }) {
            rows[i] = stored
        } else {
            rows.append(stored)
        }
    }

    /// The meaning of raw status `code` for `carrier`, or nil when the code is not mapped.
    @inline(__always)
    package func status(_ carrier: Carrier, _ code: UnsafeRawBufferPointer) -> StatusInfo? {
        let c = carrier.index
        if let n = Self.smallDecimal(code) {
            let id = numericStatus[c][n]
            return id > 0 ? statusValues[c][Int(id) - 1] : nil
        }
        guard let id = statusKeys[c].find(code) else { return nil }
        return statusValues[c][Int(id)]
    }

    /// The meaning of a reason code (a 247Express `DelayCode`), or nil when the map has none.
    @inline(__always)
    package func reason(_ carrier: Carrier, _ code: UnsafeRawBufferPointer) -> ReasonInfo? {
        let c = carrier.index
        guard let id = reasonKeys[c].find(code) else { return nil }
        return reasonValues[c][Int(id)]
    }

    /// The value of 1–4 ASCII digits without a leading zero (or "0"), else nil. Exactly the texts
    /// whose numeric value identifies them, so the fast path agrees with text comparison.
    @inline(__always)
    static func smallDecimal(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard bytes.count >= 1 && bytes.count <= 4, bytes.count == 1 || bytes[0] != 0x30 else { return nil }
        var n = 0
        for byte in bytes {
            let d = Int(byte) - 0x30
            guard d >= 0 && d <= 9 else { return nil }
            n = n * 10 + d
        }
        return n
    }

    package func status(_ carrier: Carrier, _ code: String) -> StatusInfo? {
        var s = code
        return s.withUTF8 { status(carrier, UnsafeRawBufferPointer($0)) }
    }

    package func reason(_ carrier: Carrier, _ code: String) -> ReasonInfo? {
        var s = code
        return s.withUTF8 { reason(carrier, UnsafeRawBufferPointer($0)) }
    }
}

extension ByteInterner {
    fileprivate mutating func internString(_ s: String) -> (id: Int32, inserted: Bool) {
        var copy = s
        return copy.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
    }
}

extension String {
    /// The string without leading and trailing ASCII whitespace (space, tab, CR, LF, FF, VT).
    package func trimmingASCIIWhitespace() -> String {
        let bytes = Array(utf8)
        var lo = 0, hi = bytes.count
        while lo < hi, isASCIIWhitespace(bytes[lo]) { lo += 1 }
        while hi > lo, isASCIIWhitespace(bytes[hi - 1]) { hi -= 1 }
        if lo == 0 && hi == bytes.count { return self }
        return String(decoding: bytes[lo ..< hi], as: UTF8.self)
    }
}

@inline(__always)
package func isASCIIWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C || byte == 0x0B
}
