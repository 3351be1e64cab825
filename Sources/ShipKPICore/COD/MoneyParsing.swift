/// Parsing of money and weight fields for COD, order checks and remittance statements.
///
/// Every amount that ``ExactDecimal/parse(_:)`` holds exactly is accepted: magnitude below 10²⁴
/// (at most 24 integer digits) and at most 12 decimals. There is no smaller bound: a row's own
/// arithmetic (difference, net paid) stays exact in `Int128` for any two such values, and totals
/// accumulate in ``ExactSum``, which cannot overflow.
package enum MoneyParsing {
    /// An exact value from a JSON number token or a numeric string; `.invalid` otherwise.
    package static func amountField(_ text: UnsafeRawBufferPointer) -> AmountField {
        switch ExactDecimal.parse(text) {
        case .value(let v): .value(v)
        case .notExact: .invalid(notExact: true)
        case .notANumber: .invalid(notExact: false)
        }
    }

    package static func amountField(_ text: String) -> AmountField {
        var s = text
        return s.withUTF8 { amountField(UnsafeRawBufferPointer($0)) }
    }

    // MARK: - Remittance statements

    /// What an `Amount` or `Fee` cell of a remittance statement holds.
    package enum StatementAmount: Sendable, Equatable {
        /// An exact, non-negative amount that fits the currency's minor unit.
        case value(ExactDecimal)
        /// The statement declares no separators and the text could be read two ways (`149.000`:
        /// 149 or 149,000) or uses separators that need a declaration (`1.500.000`, `1,5`).
        case ambiguous
        /// A number, but with more decimals than the currency has (`1.5` VND, `149,50` VND with
        /// `decimal=,`).
        case tooManyDecimals
        /// A negative number (a remittance is never negative).
        case negative
        /// A number too large or too precise for an exact value (10²⁴ or more, a 13th decimal).
        case notExact
        /// Not a number (in the declared layout, if any).
        case notANumber
    }

    /// Reads one trimmed `Amount` or `Fee` cell of a remittance statement.
    ///
    /// Without a declared layout (`layout == nil`) the text is read with `.` as the decimal
    /// separator and no thousands separator, an optional leading `+` and an optional exponent
    /// (`1.5e5`), and is ``StatementAmount/ambiguous`` when
    /// - it has no exponent, one `.` and exactly three digits after it, and the currency has
    ///   fewer than three decimals (`149.000` VND, `1.500` MXN: the `.` may group thousands), or
    /// - it is digits separated by `.`, `,`, spaces or `'` in any other way (`1.500.000`,
    ///   `1,500`, `1,5`, `1 500`): such separators must be declared.
    ///
    /// With a declared layout the text is read strictly by it (``AmountLayout``); anything else is
    /// ``StatementAmount/notANumber``. Either way the value must then fit the currency's minor
    /// unit (``CurrencyExponent``): `500000.00` is 500000 VND, `1.5` is not a VND amount.
    ///
    /// - Parameters:
    ///   - currency: the ISO 4217 code of the statement's amounts (the 247express carrier's).
    ///   - layout: the statement's declared separators; nil when it declares none.
    package static func statementAmount(_ text: String, currency: String, layout: AmountLayout?) -> StatementAmount {
        var body = Array(text.utf8)
        let negative = body.first == UInt8(ascii: "-")
        if negative || body.first == UInt8(ascii: "+") {
            body.removeFirst()
        }
        // A second sign, or anything but a digit first, is not a number in any layout.
        guard let first = body.first, isDigit(first) else { return .notANumber }
        let exponent = CurrencyExponent.digits(currency)

        let outcome: StatementAmount
        if let layout {
            guard let plain = plainText(body, layout: layout) else { return .notANumber }
            outcome = value(plain, exponent: exponent)
        } else if case .notANumber = ExactDecimal.parse(bytes: body) {
            outcome = isGrouped(body) ? .ambiguous : .notANumber
        } else if exponent < 3, !body.contains(where: { $0 | 0x20 == UInt8(ascii: "e") }),
            let dot = body.firstIndex(of: UInt8(ascii: ".")), body.count - dot - 1 == 3
        {
            outcome = .ambiguous
        } else {
            outcome = value(body, exponent: exponent)
        }
        guard negative else { return outcome }
        switch outcome {
        case .notANumber: return outcome
        case .value(let v) where v.isZero: return outcome  // -0 is 0
        case .value, .tooManyDecimals, .notExact: return .negative
        case .ambiguous, .negative:
            // Negative unless every digit before an exponent is 0 (then 0 in every reading).
            let mantissa = body.prefix { $0 | 0x20 != UInt8(ascii: "e") }
            return mantissa.contains { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") } ? .negative : outcome
        }
    }

    /// Whether a statement's `RemittedAt` text is a date (or date-time) in a form statements use:
    /// - ISO-8601: `yyyy-MM-dd`, or `yyyy-MM-dd` `T` or space `HH:mm[:ss[.fraction]]` with an
    ///   optional offset (`Z`, `+07:00`, `+0700`, `+07`);
    /// - `dd/MM/yyyy`, optionally with ` HH:mm` or ` HH:mm:ss`.
    ///
    /// Impossible calendar values (`30/02/2026`, `25:61`) are not dates. The text is checked
    /// only; the outputs keep it as written.
    package static func isRemittanceDate(_ text: String) -> Bool {
        if DateParsing.isoDate(text) != nil || DateParsing.iso8601(text) != nil
            || DateParsing.slashedDayMonthYear(text) != nil
        {
            return true
        }
        // dd/MM/yyyy alone: midnight of that day.
        return text.utf8.count == 10 && DateParsing.slashedDayMonthYear(text + " 00:00") != nil
    }

    // MARK: - Pieces

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// The exact value of plain ASCII number text, checked against the currency's decimals.
    private static func value(_ plain: [UInt8], exponent: Int) -> StatementAmount {
        switch ExactDecimal.parse(bytes: plain) {
        case .notANumber: return .notANumber
        case .notExact: return .notExact
        case .value(let v):
            // One minor unit is 10^(12 − exponent) units of 10⁻¹².
            var minorUnit: Int128 = 1
            for _ in 0 ..< max(0, ExactDecimal.scale - exponent) {
                minorUnit *= 10
            }
            return v.units % minorUnit == 0 ? .value(v) : .tooManyDecimals
        }
    }

    /// Digits separated by single `.`, `,`, space or `'` characters, at least one separator: a
    /// number that some declared layout could read.
    private static func isGrouped(_ body: [UInt8]) -> Bool {
        var separators = 0
        var previousWasSeparator = true  // no separator first
        for byte in body {
            if isDigit(byte) {
                previousWasSeparator = false
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: " ")
                || byte == UInt8(ascii: "'")
            {
                guard !previousWasSeparator else { return false }
                previousWasSeparator = true
                separators += 1
            } else {
                return false
            }
        }
        return separators > 0 && !previousWasSeparator
    }

    /// The unsigned number text in `layout`, rewritten as plain ASCII (`.` decimal, no grouping),
    /// or nil when it does not follow the layout.
    private static func plainText(_ body: [UInt8], layout: AmountLayout) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var index = 0
        while index < body.count, isDigit(body[index]) {
            out.append(body[index])
            index += 1
        }
        if let thousands = layout.thousands.byte, index < body.count, body[index] == thousands {
            guard index <= 3 else { return nil }  // the first group has one to three digits
            while index < body.count, body[index] == thousands {
                let group = index + 1 ..< index + 4
                guard group.upperBound <= body.count, body[group].allSatisfy(isDigit),
                    group.upperBound == body.count || !isDigit(body[group.upperBound])
                else { return nil }
                out.append(contentsOf: body[group])
                index = group.upperBound
            }
        }
        if let decimal = layout.decimal.byte, index < body.count, body[index] == decimal {
            out.append(UInt8(ascii: "."))
            index += 1
            let start = index
            while index < body.count, isDigit(body[index]) {
                out.append(body[index])
                index += 1
            }
            guard index > start else { return nil }
        }
        if index < body.count {
            // Only an exponent may follow; its syntax is checked by the parser.
            guard body[index] | 0x20 == UInt8(ascii: "e") else { return nil }
            out.append(contentsOf: body[index...])
        }
        return out
    }
}

extension ExactDecimal {
    /// ``parse(_:)`` on a byte array.
    package static func parse(bytes: [UInt8]) -> ParseResult {
        bytes.withUnsafeBytes { parse($0) }
    }

    /// The value as an integer when it has no fraction and fits `Int64`, else nil.
    package var integerValue: Int64? {
        let (q, r) = units.quotientAndRemainder(dividingBy: ExactDecimal.unitsPerOne)
        guard r == 0, let v = Int64(exactly: q) else { return nil }
        return v
    }
}
