extension ExactDecimal {
    /// Appends the amount as plain ASCII digits (DESIGN.md "Formatting conventions", money):
    /// no exponent, no grouping, `.` as decimal separator, `-` for negatives (zero is never
    /// signed), trailing fraction zeros trimmed but at least `minFractionDigits` kept, and every
    /// non-zero fraction digit shown (never rounded).
    ///
    /// `minFractionDigits` is the currency's minor-unit digits (VND 0: `500000`; MXN 2: `12.50`,
    /// and `0.125` stays `0.125`); it is clamped to 0...12.
    package func append(to out: inout [UInt8], minFractionDigits: Int) {
        let magnitude = units.magnitude
        if units < 0 {
            out.append(UInt8(ascii: "-"))
        }
        let unitsPerOne = UInt128(Self.unitsPerOne)
        let (wholePart, fractionPart) = magnitude.quotientAndRemainder(dividingBy: unitsPerOne)
        let start = out.count
        if let small = UInt64(exactly: wholePart) {
            // The usual case: 64-bit digit arithmetic (128-bit division per digit is slow).
            var whole = small
            repeat {
                out.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: whole % 10))
                whole /= 10
            } while whole > 0
        } else {
            var whole = wholePart
            repeat {
                out.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: whole % 10))
                whole /= 10
            } while whole > 0
        }
        out[start...].reverse()
        Self.appendFraction(UInt64(truncatingIfNeeded: fractionPart), to: &out, minFractionDigits: minFractionDigits)
    }

    /// Appends a fraction of `fraction` × 10⁻¹² (`fraction` < 10¹²) as `.` and its digits, trailing
    /// zeros trimmed but at least `minFractionDigits` (clamped to 0...12) kept; nothing when
    /// that leaves no digit. Shared with ``ExactSum``.
    package static func appendFraction(_ fraction: UInt64, to out: inout [UInt8], minFractionDigits: Int) {
        var fraction = fraction
        var fractionDigits = Self.scale
        let keep = min(max(minFractionDigits, 0), Self.scale)
        while fractionDigits > keep, fraction % 10 == 0 {
            fraction /= 10
            fractionDigits -= 1
        }
        guard fractionDigits > 0 else { return }
        out.append(UInt8(ascii: "."))
        var divisor: UInt64 = 1
        for _ in 1 ..< fractionDigits {
            divisor *= 10
        }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: fraction / divisor % 10))
            divisor /= 10
        }
    }

    /// The amount as text; see ``append(to:minFractionDigits:)``.
    package func formatted(minFractionDigits: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(48)
        append(to: &bytes, minFractionDigits: minFractionDigits)
        return String(decoding: bytes, as: UTF8.self)
    }
}
