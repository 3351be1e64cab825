import ShipKPICore
import Testing

// SPEC §2 ("The tables are data, not code … extends or overrides it per carrier"; an unmapped code is
// UNKNOWN) and DESIGN "Status map": rows replace rows with the same (kind, carrier, code) and add new
// ones; codes compare as trimmed text (`25`, `" 25 "` are one code; `025` is another).

private let vn = Carrier.express247
private let mx = Carrier.houndExpress

private func status(
    _ carrier: Carrier, _ code: String, _ canonical: CanonicalStatus, name: String = "",
    reason: ReasonInfo? = nil
) -> StatusMapRow {
    StatusMapRow(kind: .status, carrier: carrier, code: code, status: StatusInfo(canonical: canonical, name: name, reason: reason))
}

private func reason(_ carrier: Carrier, _ code: String, _ label: String, _ category: ReasonCategory, _ party: Party) -> StatusMapRow {
    StatusMapRow(kind: .reason, carrier: carrier, code: code, reason: ReasonInfo(label: label, category: category, party: party))
}

/// A few rows of the shipped table (SPEC §2 and §11 "Shipped HoundExpress reasons").
private let base: [StatusMapRow] = [
    status(vn, "25", .outForDelivery, name: "DANGDIPHAT"),
    status(vn, "30", .delivered, name: "PHATTHANHCONG"),
    status(vn, "16", .attemptFailed, name: "CHOXULY"),
    status(mx, "2", .delivered, name: "DLV"),
    status(
        mx, "46", .attemptFailed, name: "NBROA",
        reason: ReasonInfo(label: "no one to receive", category: .recipientUnavailable, party: .recipient)),
    status(
        mx, "8", .attemptFailed,
        reason: ReasonInfo(label: "refused by addressee", category: .refused, party: .recipient)),
]

@Suite struct StatusMapTests {
    @Test func lookupByCode() throws {
        let map = StatusMap(carriers: 2, rows: base)
        let s = try #require(map.status(vn, "30"))
        #expect(s.canonical == .delivered)
        #expect(s.name == "PHATTHANHCONG")
        #expect(s.reason == nil)
        let n = try #require(map.status(mx, "46"))
        #expect(n.canonical == .attemptFailed)
        #expect(n.reason == ReasonInfo(label: "no one to receive", category: .recipientUnavailable, party: .recipient))
        #expect(map.status(mx, "8")?.reason?.category == .refused)
    }

    @Test func codesCompareAsTrimmedText() throws {
        // A row written " 27 " (spreadsheet padding) is code "27".
        let map = StatusMap(carriers: 2, rows: [status(vn, " 27 ", .returning), status(vn, "\t19\r", .lost)])
        #expect(map.status(vn, "27")?.canonical == .returning)
        #expect(map.status(vn, "19")?.canonical == .lost)
        // "027" is another code.
        #expect(map.status(vn, "027") == nil)
        #expect(map.rows.map(\.code) == ["27", "19"])
    }

    @Test func unknownCodeIsNil() {
        let map = StatusMap(carriers: 2, rows: base)
        #expect(map.status(vn, "99") == nil)
        #expect(map.status(vn, "") == nil)
        #expect(map.status(vn, "3") == nil)  // a prefix of no code / not "30"
        #expect(map.status(vn, "300") == nil)
        #expect(map.reason(vn, "D01") == nil)  // the shipped map holds no 247Express delay codes
    }

    @Test func laterRowsOverrideSameKindCarrierAndCode() throws {
        let map = StatusMap(carriers: 2, rows: base).merging([
            status(mx, "46", .returning, name: "RETORNO"),  // override
            status(mx, "77", .delivered, name: "ENTREGADO"),  // new code
        ])
        let s = try #require(map.status(mx, "46"))
        #expect(s.canonical == .returning)
        #expect(s.name == "RETORNO")
        #expect(s.reason == nil)  // the whole row is replaced
        #expect(map.status(mx, "77")?.canonical == .delivered)
        #expect(map.status(mx, "2")?.canonical == .delivered)  // untouched
        // The override keeps the row's place; the new code is appended.
        let houndCodes = map.rows.filter { $0.carrier == mx && $0.kind == .status }.map(\.code)
        #expect(houndCodes == ["2", "46", "8", "77"])
        #expect(map.rows.count == base.count + 1)
        // Within one list of rows the later row wins too.
        let single = StatusMap(carriers: 2, rows: [status(vn, "24", .inTransit), status(vn, "24", .unknown)])
        #expect(single.status(vn, "24")?.canonical == .unknown)
    }

    @Test func mergingDoesNotChangeTheOriginal() {
        let original = StatusMap(carriers: 2, rows: base)
        _ = original.merging([status(vn, "30", .lost)])
        #expect(original.status(vn, "30")?.canonical == .delivered)
    }

    @Test func reasonsAndStatusesAreSeparateTables() throws {
        let map = StatusMap(
            carriers: 2,
            rows: base + [
                reason(vn, "30", "Khách hẹn giao lại", .rescheduled, .recipient),
                reason(vn, "D01", "Sai địa chỉ", .addressProblem, .shipper),
            ])
        // Reason "30" does not change status "30", and vice versa.
        #expect(map.status(vn, "30")?.canonical == .delivered)
        let r = try #require(map.reason(vn, "30"))
        #expect(r == ReasonInfo(label: "Khách hẹn giao lại", category: .rescheduled, party: .recipient))
        #expect(map.reason(vn, "D01")?.category == .addressProblem)
        #expect(map.status(vn, "D01") == nil)
        #expect(map.reason(vn, "25") == nil)
        // Overriding a reason leaves the status alone.
        let merged = map.merging([reason(vn, "30", "Hẹn lại", .other, .unknown)])
        #expect(merged.reason(vn, "30")?.label == "Hẹn lại")
        #expect(merged.status(vn, "30")?.canonical == .delivered)
    }

    @Test func carriersAreSeparate() {
        let map = StatusMap(carriers: 2, rows: base).merging([reason(mx, "D01", "x", .other, .carrier)])
        #expect(map.status(mx, "30") == nil)  // 247Express's 30 is not HoundExpress's
        #expect(map.status(vn, "2") == nil)  // HoundExpress's 2 is not 247Express's
        #expect(map.status(vn, "46") == nil)
        #expect(map.reason(vn, "D01") == nil)
        #expect(map.reason(mx, "D01")?.party == .carrier)
        // Overriding one carrier's code leaves the other carrier's same code alone.
        let both = StatusMap(carriers: 2, rows: [status(vn, "2", .created), status(mx, "2", .delivered)])
            .merging([status(vn, "2", .cancelled)])
        #expect(both.status(vn, "2")?.canonical == .cancelled)
        #expect(both.status(mx, "2")?.canonical == .delivered)
    }

    @Test func lookupThroughBytes() {
        let map = StatusMap(carriers: 2, rows: base)
        // A code in the middle of a larger buffer (as the decoder passes it).
        let buffer = Array("xx30yy".utf8)
        let found = buffer.withUnsafeBytes { map.status(vn, UnsafeRawBufferPointer(rebasing: $0[2 ..< 4])) }
        #expect(found?.canonical == .delivered)
    }
}
