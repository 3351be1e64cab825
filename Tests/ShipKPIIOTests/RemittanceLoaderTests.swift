import ShipKPICore
import ShipKPIIO
import ShipKPITestSupport
import Testing

/// Remittance statements: the amount rules (separators, currency minor units, huge amounts) and
/// RemittedAt dates, through `RemittanceLoader.parse`.
@Suite struct RemittanceLoaderTests {
    static let header = "OrderCode,Amount,RemittedAt,Fee,Reference\n"

    func load(_ rows: [String], _ columns: RemittanceColumns = RemittanceColumns()) throws -> (rows: [RemittanceRow], rejects: [Reject]) {
        try RemittanceLoader.parse(
            Array((Self.header + rows.joined(separator: "\n") + "\n").utf8), name: "statement.csv",
            fileIndex: 0, rejectFileIndex: 3, carrier: .express247, columns: columns)
    }

    func columns(currency: String = "VND", decimal: AmountSeparator? = nil, thousands: AmountSeparator? = nil) -> RemittanceColumns {
        var c = RemittanceColumns()
        c.currency = currency
        c.decimal = decimal
        c.thousands = thousands
        return c
    }

    @Test func aVietnameseThousandsDotIsAmbiguousNotRead149() throws {
        let r = try load(["CNN1,149.000,2026-03-06 10:00:00,,REF"])
        #expect(r.rows.isEmpty)
        let reject = try #require(r.rejects.first)
        #expect(reject.reason == .ambiguousAmount)
        #expect(reject.source.line == 2)
        #expect(reject.source.file == 3)
        // The detail tells what to do and never repeats the value.
        #expect(reject.detail.contains("declare the statement's separators"))
        #expect(!reject.detail.contains("149"))
    }

    @Test func aDeclaredLayoutReadsTheSameTextExactly() throws {
        let r = try load(["CNN1,149.000,2026-03-06,\"1.500\",REF", "CNN2,\"1.500.000\",,,REF"], columns(decimal: .comma, thousands: .dot))
        #expect(r.rejects.isEmpty)
        #expect(r.rows.map(\.amount) == [ExactDecimal(149_000), ExactDecimal(1_500_000)])
        #expect(r.rows.first?.fee == ExactDecimal(1_500))
        // 149,50 is not a VND amount (no minor unit).
        let half = try load(["CNN1,\"149,50\",,,REF"], columns(decimal: .comma, thousands: .dot))
        #expect(half.rejects.map(\.reason) == [.invalidAmount])
    }

    @Test func currencyMinorUnitsDecide() throws {
        // MXN has two decimals: 1.50 is fine, 1.500 is ambiguous, 1.505 with a declared decimal
        // point is not an MXN amount.
        let mxn = try load(["A,1.50,,,", "B,1.500,,,", "C,1.5e3,,,"], columns(currency: "MXN"))
        #expect(mxn.rows.map(\.amount) == [ExactDecimal(units: 1_500_000_000_000), ExactDecimal(1_500)])
        #expect(mxn.rejects.map(\.reason) == [.ambiguousAmount])
        let declared = try load(["A,1.505,,,"], columns(currency: "MXN", decimal: .dot))
        #expect(declared.rejects.map(\.reason) == [.invalidAmount])
        #expect(declared.rejects.first?.detail.contains("more decimals than MXN has (2)") == true)
    }

    @Test func theFeeFollowsTheSameRules() throws {
        let r = try load(["A,500000,,15.000,", "B,500000,,\"15,000\",", "C,500000,,-1,", "D,500000,,,"])
        #expect(r.rejects.map(\.reason) == [.ambiguousAmount, .ambiguousAmount, .invalidAmount])
        #expect(r.rows.map(\.orderCode) == ["D"])
    }

    @Test func theSamplesFormsStillRead() throws {
        let r = try load([
            "A,500000,2026-03-06 10:00:00,15000,", "B,500000.00,,,", "C,\"500000\",,,", "D,1.5e5,,,",
            "E,1.500.000,,,", "F,-990000,,,",
        ])
        #expect(r.rows.map(\.amount) == [ExactDecimal(500_000), ExactDecimal(500_000), ExactDecimal(500_000), ExactDecimal(150_000)])
        #expect(r.rejects.map(\.reason) == [.ambiguousAmount, .invalidAmount])
    }

    @Test func hugeAmountsAreAcceptedUpToTheRepresentation() throws {
        let r = try load([
            "A,9007199254740993,,,", "B,100000000000000000000,,,", "C,999999999999999999999999,,999999999999999999999999,",
            "D,1000000000000000000000000,,,",
        ])
        #expect(r.rows.map { $0.amount.description } == ["9007199254740993", "100000000000000000000", "999999999999999999999999"])
        #expect(r.rows.last?.netPaid == .zero)
        #expect(r.rejects.map(\.reason) == [.invalidAmount])
        #expect(r.rejects.first?.source.line == 5)
    }

    @Test func remittedAtMustBeADateWhenGiven() throws {
        let r = try load([
            "A,1,2026-03-06,,", "B,1,2026-03-06T10:00:00+07:00,,", "C,1,06/03/2026,,", "D,1,06/03/2026 10:00,,",
            "E,1,,,", "F,1,yesterday,,", "G,1,30/02/2026,,", "H,1,2026-03-06 25:00,,",
        ])
        #expect(r.rows.map(\.orderCode) == ["A", "B", "C", "D", "E"])
        // The text is kept as written.
        #expect(r.rows.map(\.remittedAt) == ["2026-03-06", "2026-03-06T10:00:00+07:00", "06/03/2026", "06/03/2026 10:00", ""])
        #expect(r.rejects.map(\.reason) == [.invalidDate, .invalidDate, .invalidDate])
        #expect(r.rejects.map(\.source.line) == [7, 8, 9])
        #expect(r.rejects.allSatisfy { !$0.detail.contains("yesterday") })
    }

    @Test func equalSeparatorsAreAUsageError() throws {
        #expect(throws: ShipKPIError.self) {
            try load(["A,1,,,"], columns(decimal: .dot, thousands: .dot))
        }
    }
}
