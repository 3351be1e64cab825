// Exact amounts in partials: written as their integer units (10⁻¹² of the currency unit) in
// decimal text, so no JSON reader can round them.

extension ExactDecimal: Codable {
    package init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let units = Int128(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an amount: \(text)"))
        }
        self.init(units: units)
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(String(units))
    }
}

extension ExactSum: Codable {
    package init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        let high = try c.decode(String.self), low = try c.decode(String.self)
        guard let h = Int128(high), let l = UInt128(low) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a sum: \(high) \(low)"))
        }
        self.init(units: Int256(high: h, low: l))
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(String(units.high))
        try c.encode(String(units.low))
    }
}
