/// An RFC 4180 parser over a whole file in memory, yielding one record (or one error) at a time.
///
/// - Fields are separated by `,`; records end at CRLF, LF or a lone CR, or at the end of input
///   (a last row without a line end is a record).
/// - A field that starts with `"` is quoted: it runs to the next lone `"`, `""` inside it is one
///   quote, and `,`, CR, LF and CRLF inside it are data.
/// - A UTF-8 BOM at the very start is skipped. Blank lines — empty or only spaces and tabs — are
///   skipped (as NDJSON blank lines are, SPEC §8).
/// - Nothing is trimmed: spaces are data (`a, b` has the field `" b"`).
///
/// Malformed records come back as a ``CSVReadError`` and parsing goes on: after a stray quote or
/// text after a closing quote, at the line following the one where the problem was found; after a
/// quoted field left open to the end of input, at the line following the record's first line (so
/// one stray `"` costs one row, not the rest of the file). A record with invalid UTF-8 is parsed to
/// its end and reported as one error.
package struct CSVReader: Sequence, IteratorProtocol, Sendable {
    private let bytes: [UInt8]
    private var position: Int
    private var line = 1
    /// Reused for quoted fields that need unescaping.
    private var scratch: [UInt8] = []

    /// - Parameter bytes: the whole file.
    package init(_ bytes: [UInt8]) {
        self.bytes = bytes
        position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// The next record or error; `nil` at the end of the input.
    package mutating func next() -> Result<CSVRecord, CSVReadError>? {
        let bytes = self.bytes
        return bytes.withUnsafeBytes { next(in: $0) }
    }

    // MARK: - Private

    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let cr: UInt8 = 0x0D
    private static let lf: UInt8 = 0x0A

    private enum FieldEnd {
        case comma
        case recordEnd
        case failure(CSVReadError.Reason)
    }

    private mutating func next(in input: UnsafeRawBufferPointer) -> Result<CSVRecord, CSVReadError>? {
        guard skipBlankLines(input) else { return nil }
        let startOffset = position
        let startLine = line
        var fields: [String] = []
        var validUTF8 = true
        while true {
            let end: FieldEnd
            let text: String?
            if input[position] == Self.quote {
                (text, end) = quotedField(input)
            } else {
                (text, end) = unquotedField(input)
            }
            if let text {
                fields.append(text)
            } else {
                validUTF8 = false
            }
            switch end {
            case .comma:
                position += 1
                if position == input.count {
                    fields.append("")
                    return finish(fields, validUTF8: validUTF8, line: startLine, offset: startOffset)
                }
            case .recordEnd:
                consumeLineBreak(input)
                return finish(fields, validUTF8: validUTF8, line: startLine, offset: startOffset)
            case .failure(let reason):
                if case .unterminatedQuotedField = reason {
                    position = startOffset
                    line = startLine
                }
                skipToNextLine(input)
                return .failure(CSVReadError(reason: reason, line: startLine, byteOffset: startOffset))
            }
        }
    }

    private func finish(
        _ fields: [String], validUTF8: Bool, line: Int, offset: Int
    ) -> Result<CSVRecord, CSVReadError> {
        validUTF8
            ? .success(CSVRecord(fields: fields, line: line, byteOffset: offset))
            : .failure(CSVReadError(reason: .invalidUTF8, line: line, byteOffset: offset))
    }

    /// Moves past lines that are empty or hold only spaces and tabs; false at the end of input.
    private mutating func skipBlankLines(_ input: UnsafeRawBufferPointer) -> Bool {
        while position < input.count {
            var index = position
            while index < input.count, input[index] == UInt8(ascii: " ") || input[index] == 0x09 {
                index += 1
            }
            if index == input.count {
                position = index
                return false
            }
            guard input[index] == Self.cr || input[index] == Self.lf else { return true }
            position = index
            consumeLineBreak(input)
        }
        return false
    }

    /// An unquoted field from `position` up to (not past) `,`, a line end or the end of input.
    private mutating func unquotedField(_ input: UnsafeRawBufferPointer) -> (String?, FieldEnd) {
        let start = position
        while position < input.count {
            switch input[position] {
            case Self.comma:
                return (Self.string(input, from: start, to: position), .comma)
            case Self.cr, Self.lf:
                return (Self.string(input, from: start, to: position), .recordEnd)
            case Self.quote:
                return ("", .failure(.quoteInUnquotedField))
            default:
                position += 1
            }
        }
        return (Self.string(input, from: start, to: position), .recordEnd)
    }

    /// A quoted field from its opening quote at `position` to just after its closing quote.
    private mutating func quotedField(_ input: UnsafeRawBufferPointer) -> (String?, FieldEnd) {
        position += 1
        var segmentStart = position
        scratch.removeAll(keepingCapacity: true)
        while position < input.count {
            let byte = input[position]
            if byte == Self.quote {
                scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[segmentStart ..< position]))
                if position + 1 < input.count, input[position + 1] == Self.quote {
                    position += 2
                    segmentStart = position - 1  // keep one of the two quotes
                    continue
                }
                position += 1
                let text = scratch.withUnsafeBytes { Self.string($0, from: 0, to: $0.count) }
                guard position < input.count else { return (text, .recordEnd) }
                switch input[position] {
                case Self.comma: return (text, .comma)
                case Self.cr, Self.lf: return (text, .recordEnd)
                default: return (text, .failure(.textAfterClosingQuote))
                }
            }
            position += 1
            if byte == Self.lf || (byte == Self.cr && (position == input.count || input[position] != Self.lf)) {
                line += 1
            }
        }
        return (nil, .failure(.unterminatedQuotedField))
    }

    /// Consumes the line end at `position` (CRLF, LF or CR), if any, counting one line.
    private mutating func consumeLineBreak(_ input: UnsafeRawBufferPointer) {
        guard position < input.count else { return }
        if input[position] == Self.cr {
            position += 1
            if position < input.count, input[position] == Self.lf {
                position += 1
            }
            line += 1
        } else if input[position] == Self.lf {
            position += 1
            line += 1
        }
    }

    /// Moves to the start of the next line, ignoring quotes (resynchronisation after an error).
    private mutating func skipToNextLine(_ input: UnsafeRawBufferPointer) {
        while position < input.count, input[position] != Self.cr, input[position] != Self.lf {
            position += 1
        }
        consumeLineBreak(input)
    }

    /// The bytes `start..<end` as a `String`, or `nil` when they are not valid UTF-8.
    private static func string(_ input: UnsafeRawBufferPointer, from start: Int, to end: Int) -> String? {
        if start == end {
            return ""
        }
        return String(validating: UnsafeRawBufferPointer(rebasing: input[start ..< end]), as: UTF8.self)
    }
}
