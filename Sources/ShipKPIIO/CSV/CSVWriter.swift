/// Writes RFC 4180 CSV into a growing byte buffer that the caller flushes to its file.
///
/// - Rows end with CRLF; fields are separated by `,`.
/// - A field is quoted exactly when it contains `,`, `"`, CR or LF; quotes inside are doubled.
/// - **Text** cells (input-derived strings) are neutralised for spreadsheets (SPEC §9): one that
///   starts with `=`, `+`, `-`, `@`, TAB or CR gets a leading `'` (`=HYPERLINK(…)` is written
///   `'=HYPERLINK(…)`; `-5` in a text column is `'-5`). **Raw** cells — numbers, dates, booleans
///   the program formatted itself — are never altered, so `-3` stays `-3`.
/// - A row whose only content is one empty field is written `""`, so it cannot be mistaken for
///   a blank line.
///
/// The byte-level methods append without creating a `String` per cell; the buffer keeps its
/// capacity across ``flush(_:)`` calls.
package struct CSVWriter: Sendable {
    /// One cell of a row, for ``writeRow(_:)``.
    package enum Cell: Sendable, Hashable {
        /// Input-derived text: neutralised, then quoted if needed.
        case text(String)
        /// Program-formatted value (number, date, boolean): quoted if needed, never neutralised.
        case raw(String)
        /// No value.
        case empty
    }

    /// The bytes written since the last ``flush(_:)`` (the BOM, if asked for, comes first).
    package private(set) var buffer: [UInt8] = []
    private var fieldsInRow = 0
    /// True until the current row has a separator or a non-empty field.
    private var rowIsBlank = true

    /// - Parameter bom: start the output with the UTF-8 byte order mark `EF BB BF`, which makes
    ///   Excel read the file as UTF-8 (Vietnamese and Spanish text intact).
    package init(bom: Bool) {
        buffer.reserveCapacity(1 << 16)
        if bom {
            buffer.append(contentsOf: [0xEF, 0xBB, 0xBF])
        }
    }

    /// Writes one whole row (convenience for headers and small tables).
    package mutating func writeRow(_ cells: [Cell]) {
        for cell in cells {
            append(cell)
        }
        endRow()
    }

    /// Appends one cell to the current row.
    package mutating func append(_ cell: Cell) {
        switch cell {
        case .text(let text): appendText(text)
        case .raw(let text): appendRaw(text)
        case .empty: appendEmpty()
        }
    }

    /// Appends an input-derived text cell (neutralised, quoted if needed).
    package mutating func appendText(_ text: String) {
        var text = text
        text.withUTF8 { appendField(UnsafeRawBufferPointer($0), neutralise: true) }
    }

    /// Appends an input-derived text cell from its UTF-8 bytes (neutralised, quoted if needed).
    package mutating func appendText(_ bytes: UnsafeRawBufferPointer) {
        appendField(bytes, neutralise: true)
    }

    /// Appends a program-formatted cell (quoted if needed, never neutralised).
    package mutating func appendRaw(_ text: String) {
        var text = text
        text.withUTF8 { appendField(UnsafeRawBufferPointer($0), neutralise: false) }
    }

    /// Appends a program-formatted cell from its UTF-8 bytes (quoted if needed, never neutralised).
    package mutating func appendRaw(_ bytes: UnsafeRawBufferPointer) {
        appendField(bytes, neutralise: false)
    }

    /// Appends a program-formatted cell that `body` writes straight into the buffer — e.g.
    /// `InstantFormat.appendUTC(ms, to: &$0)` or `amount.append(to: &$0, minFractionDigits: 2)` —
    /// with no intermediate copy. `body` must only append. Never neutralised; quoted afterwards
    /// in the (unexpected) case that it wrote `,`, `"`, CR or LF.
    package mutating func appendRaw(writing body: (inout [UInt8]) -> Void) {
        beginField()
        let start = buffer.count
        body(&buffer)
        if buffer.count > start {
            rowIsBlank = false
        }
        guard buffer[start...].contains(where: Self.needsQuoting) else { return }
        let written = Array(buffer[start...])
        buffer.removeSubrange(start...)
        written.withUnsafeBytes { appendQuoted($0, prefix: nil) }
    }

    /// Appends an integer cell (never neutralised: `-3` stays `-3`).
    package mutating func appendInteger(_ value: Int) {
        beginField()
        rowIsBlank = false
        if value < 0 {
            buffer.append(UInt8(ascii: "-"))
        }
        var magnitude = value.magnitude
        let start = buffer.count
        repeat {
            buffer.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        buffer[start...].reverse()
    }

    /// Appends an empty cell (no value).
    package mutating func appendEmpty() {
        beginField()
    }

    /// Ends the current row with CRLF.
    package mutating func endRow() {
        if rowIsBlank {
            buffer.append(UInt8(ascii: "\""))
            buffer.append(UInt8(ascii: "\""))
        }
        buffer.append(0x0D)
        buffer.append(0x0A)
        fieldsInRow = 0
        rowIsBlank = true
    }

    /// Hands the buffered bytes to `write` (e.g. a file handle's write) and empties the buffer,
    /// keeping its capacity. If `write` throws, the bytes stay buffered.
    /// Appends complete rows rendered by another writer (a fold's rows of a per-order file).
    package mutating func appendRows(_ rows: UnsafeRawBufferPointer) {
        buffer += rows
    }

    package mutating func flush(_ write: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        try buffer.withUnsafeBytes { try write($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    // MARK: - Private

    private mutating func beginField() {
        if fieldsInRow > 0 {
            buffer.append(UInt8(ascii: ","))
            rowIsBlank = false
        }
        fieldsInRow += 1
    }

    private mutating func appendField(_ bytes: UnsafeRawBufferPointer, neutralise: Bool) {
        beginField()
        guard let first = bytes.first else { return }
        rowIsBlank = false
        let prefix: UInt8? = neutralise && Self.startsFormula(first) ? UInt8(ascii: "'") : nil
        if bytes.contains(where: Self.needsQuoting) {
            appendQuoted(bytes, prefix: prefix)
        } else {
            if let prefix {
                buffer.append(prefix)
            }
            buffer.append(contentsOf: bytes)
        }
    }

    private mutating func appendQuoted(_ bytes: UnsafeRawBufferPointer, prefix: UInt8?) {
        buffer.append(UInt8(ascii: "\""))
        if let prefix {
            buffer.append(prefix)
        }
        for byte in bytes {
            if byte == UInt8(ascii: "\"") {
                buffer.append(byte)
            }
            buffer.append(byte)
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// `,` `"` CR LF — all below 0x2D, which rejects most bytes with one comparison.
    @inline(__always)
    private static func needsQuoting(_ byte: UInt8) -> Bool {
        byte <= 0x2C && (byte == 0x2C || byte == 0x22 || byte == 0x0D || byte == 0x0A)
    }

    /// `=` `+` `-` `@` TAB CR: what a spreadsheet may read as the start of a formula.
    @inline(__always)
    private static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }
}
