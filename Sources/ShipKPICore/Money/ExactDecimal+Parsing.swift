extension ExactDecimal {
    /// The outcome of parsing an amount: a value, or why there is none.
    package enum ParseResult: Sendable, Hashable {
        case value(ExactDecimal)
        /// Not a decimal number at all: empty, grouping (`1.500.000`, `1,500`), a comma as decimal
        /// separator (`1,5`), words (`abc`, `NaN`, `Infinity`), hexadecimal (`0x10`), a dangling
        /// `.` or exponent (`5.`, `.5`, `1e`), or any whitespace.
        case notANumber
        /// A well-formed number that cannot be held exactly: a non-zero digit beyond 12 fraction
        /// digits (`0.1234567890123`, `1e-13`) or a magnitude of 10²⁴ or more (`1e400`). Never
        /// rounded.
        case notExact
    }

    /// Parses a decimal amount from its exact bytes (a JSON number token, or a trimmed string).
    ///
    /// Grammar: `[+-]? digit+ ( "." digit+ )? ( [eE] [+-]? digit+ )?` — JSON's number syntax plus
    /// two leniencies for CSV and string fields: a leading `+` (`+7` is 7; unambiguous, and
    /// spreadsheets emit it) and leading zeros (`007`). Trailing zeros never cost precision
    /// (`0.10000000000000000000` is exact), zero times any exponent is zero (`0e999999999`), and
    /// exponents of any length are read without overflow (`1e999999999999` is ``ParseResult/notExact``).
    /// Syntax is checked first: a malformed number is ``ParseResult/notANumber`` even when long.
    ///
    /// - Complexity: O(n), no allocation.
    package static func parse(_ text: UnsafeRawBufferPointer) -> ParseResult {
        let count = text.count
        var index = 0
        var negative = false
        if index < count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
            negative = text[index] == UInt8(ascii: "-")
            index += 1
        }

        var mantissa = Mantissa()
        guard mantissa.read(text, from: &index, inFraction: false) > 0 else { return .notANumber }
        if index < count, text[index] == UInt8(ascii: ".") {
            index += 1
            guard mantissa.read(text, from: &index, inFraction: true) > 0 else { return .notANumber }
        }
        var exponent = 0
        if index < count, text[index] == UInt8(ascii: "e") || text[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
                exponentNegative = text[index] == UInt8(ascii: "-")
                index += 1
            }
            let start = index
            while index < count {
                let digit = text[index] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                // Saturate: beyond 10⁹ every non-zero value is out of range either way.
                exponent = min(exponent * 10 + Int(digit), 1_000_000_000)
                index += 1
            }
            guard index > start else { return .notANumber }
            if exponentNegative {
                exponent = -exponent
            }
        }
        guard index == count else { return .notANumber }

        if mantissa.value == 0 && !mantissa.tooManyDigits {
            return .value(.zero)
        }
        // value = mantissa × 10^power, mantissa without trailing zeros; units = value × 10¹².
        // Exact needs power + 12 ≥ 0; in range needs digits + power + 12 ≤ 36.
        let power = exponent - mantissa.fractionDigits + mantissa.pendingZeros
        let shift = power + ExactDecimal.scale
        guard !mantissa.tooManyDigits, shift >= 0, mantissa.significantDigits + shift <= 36 else {
            return .notExact
        }
        let units = mantissa.value * Mantissa.powersOfTen[shift]
        return .value(ExactDecimal(units: negative ? 0 - units : units))
    }

    /// The significant digits of a decimal being parsed.
    ///
    /// Digits accumulate in `value` without trailing zeros, which wait in `pendingZeros` until a
    /// later non-zero digit needs them. More than 36 significant digits cannot fit an exact
    /// value below 10²⁴ (the first would be ≥ 10²³ or the last < 10⁻¹²), so accumulation stops
    /// there and only the syntax is still checked.
    private struct Mantissa {
        /// 10⁰ ... 10³⁶.
        static let powersOfTen: [Int128] = (0 ... 36).reduce(into: []) { table, exponent in
            table.append(exponent == 0 ? 1 : table[exponent - 1] * 10)
        }

        var value: Int128 = 0
        var significantDigits = 0
        var pendingZeros = 0
        var fractionDigits = 0
        var tooManyDigits = false

        /// Reads ASCII digits from `index` on; returns how many.
        mutating func read(_ text: UnsafeRawBufferPointer, from index: inout Int, inFraction: Bool) -> Int {
            let start = index
            while index < text.count {
                let digit = text[index] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                index += 1
                if digit == 0 {
                    if significantDigits > 0 {
                        pendingZeros += 1
                    }
                    continue
                }
                let digits = significantDigits + pendingZeros + 1
                if digits > 36 {
                    tooManyDigits = true
                    continue
                }
                value = value * Self.powersOfTen[pendingZeros + 1] + Int128(digit)
                significantDigits = digits
                pendingZeros = 0
            }
            if inFraction {
                fractionDigits += index - start
            }
            return index - start
        }
    }

    /// ``parse(_:)`` on a `String` (no copy for native strings).
    package static func parse(_ text: String) -> ParseResult {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }
}
