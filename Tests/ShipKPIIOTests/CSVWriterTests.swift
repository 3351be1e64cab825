import ShipKPICore
import ShipKPIIO
import ShipKPITestSupport
import Testing

@Suite struct CSVWriterTests {
    static func text(_ writer: CSVWriter) -> String {
        String(decoding: writer.buffer, as: UTF8.self)
    }

    /// One text cell written alone, then a raw cell, so each row shows the cell's exact bytes.
    static func written(text cell: String) -> String {
        var writer = CSVWriter(bom: false)
        writer.appendText(cell)
        writer.appendRaw("1")
        writer.endRow()
        return text(writer)
    }

    @Test func rowsEndWithCRLF() {
        var writer = CSVWriter(bom: false)
        writer.writeRow([.raw("carrier"), .raw("events")])
        writer.writeRow([.text("247express"), .raw("12")])
        #expect(Self.text(writer) == "carrier,events\r\n247express,12\r\n")
    }

    @Test func byteOrderMarkOnlyWhenAsked() {
        var withBOM = CSVWriter(bom: true)
        withBOM.writeRow([.text("a")])
        #expect(withBOM.buffer == [0xEF, 0xBB, 0xBF, UInt8(ascii: "a"), 0x0D, 0x0A])
        var without = CSVWriter(bom: false)
        without.writeRow([.text("a")])
        #expect(without.buffer == [UInt8(ascii: "a"), 0x0D, 0x0A])
    }

    @Test(arguments: [
        ("plain", "plain,1\r\n"),
        ("a,b", "\"a,b\",1\r\n"),
        ("say \"hi\"", "\"say \"\"hi\"\"\",1\r\n"),
        ("\"", "\"\"\"\",1\r\n"),
        ("line1\nline2", "\"line1\nline2\",1\r\n"),
        ("line1\r\nline2", "\"line1\r\nline2\",1\r\n"),
        ("ends with cr\r", "\"ends with cr\r\",1\r\n"),
        ("Hà Nội; Tân Bình", "Hà Nội; Tân Bình,1\r\n"),
        ("Ciudad de México", "Ciudad de México,1\r\n"),
        ("  padded  ", "  padded  ,1\r\n"),
        ("it's", "it's,1\r\n"),
        ("", ",1\r\n"),
    ])
    func quotesExactlyWhenNeeded(cell: String, expected: String) {
        #expect(Self.written(text: cell) == expected)
    }

    @Test(arguments: [
        (
            "=HYPERLINK(\"http://evil.example\",\"click\")",
            "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",1\r\n"
        ),
        ("=1+1", "'=1+1,1\r\n"),
        ("+1", "'+1,1\r\n"),
        ("-1", "'-1,1\r\n"),
        ("-", "'-,1\r\n"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9),1\r\n"),
        ("\t=1", "'\t=1,1\r\n"),
        ("\rcmd", "\"'\rcmd\",1\r\n"),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0,1\r\n"),
        // Not at the start, or not a trigger: unchanged.
        ("a=b", "a=b,1\r\n"),
        (" =1", " =1,1\r\n"),
        ("1-2", "1-2,1\r\n"),
        ("'quoted", "'quoted,1\r\n"),
        ("\nx", "\"\nx\",1\r\n"),
    ])
    func neutralisesTextCells(cell: String, expected: String) {
        #expect(Self.written(text: cell) == expected)
    }

    @Test func rawCellsAreNeverNeutralised() {
        var writer = CSVWriter(bom: false)
        writer.writeRow([.raw("-3"), .raw("+07:00"), .raw("=1"), .raw("-12.50"), .raw("a,b"), .empty])
        #expect(Self.text(writer) == "-3,+07:00,=1,-12.50,\"a,b\",\r\n")
    }

    @Test func bytePathsMatchStringPaths() {
        var viaStrings = CSVWriter(bom: false)
        var viaBytes = CSVWriter(bom: false)
        for cell in ["=x", "a,b", "plain", "", "-5", "q\"q"] {
            viaStrings.appendText(cell)
            viaStrings.appendRaw(cell)
            Array(cell.utf8).withUnsafeBytes {
                viaBytes.appendText($0)
                viaBytes.appendRaw($0)
            }
        }
        viaStrings.endRow()
        viaBytes.endRow()
        #expect(viaStrings.buffer == viaBytes.buffer)
        #expect(Self.text(viaBytes) == "'=x,=x,\"a,b\",\"a,b\",plain,plain,,,'-5,-5,\"q\"\"q\",\"q\"\"q\"\r\n")
    }

    @Test func integersAndInPlaceFormatting() {
        var writer = CSVWriter(bom: false)
        writer.appendInteger(0)
        writer.appendInteger(-42)
        writer.appendInteger(Int.max)
        writer.appendInteger(Int.min)
        writer.appendRaw { InstantFormat.appendUTC(1_565_151_852_494, to: &$0) }
        writer.appendRaw { ExactDecimal(units: -12_500_000_000_000).append(to: &$0, minFractionDigits: 2) }
        writer.appendRaw { $0.append(contentsOf: Array("x,y".utf8)) }
        writer.appendRaw { _ in }
        writer.endRow()
        #expect(
            Self.text(writer)
                == "0,-42,9223372036854775807,-9223372036854775808,2019-08-07T04:24:12.494Z,-12.50,\"x,y\",\r\n")
    }

    @Test func emptyCells() {
        var writer = CSVWriter(bom: false)
        writer.writeRow([.empty, .empty, .empty])
        writer.writeRow([.empty])
        writer.writeRow([.text("")])
        writer.writeRow([.text("a"), .empty])
        #expect(Self.text(writer) == ",,\r\n\"\"\r\n\"\"\r\na,\r\n")
    }

    @Test func flushHandsOverAndEmptiesTheBuffer() {
        var writer = CSVWriter(bom: true)
        var file: [UInt8] = []
        writer.writeRow([.text("h1"), .text("h2")])
        writer.flush { file.append(contentsOf: $0) }
        #expect(writer.buffer.isEmpty)
        writer.appendText("a")
        writer.flush { file.append(contentsOf: $0) }  // mid-row
        writer.appendText("b")
        writer.endRow()
        writer.flush { file.append(contentsOf: $0) }
        #expect(file == [0xEF, 0xBB, 0xBF] + Array("h1,h2\r\na,b\r\n".utf8))
    }

    @Test func flushKeepsBytesWhenWriteFails() {
        struct DiskFull: Error {}
        var writer = CSVWriter(bom: false)
        writer.writeRow([.text("a")])
        #expect(throws: DiskFull.self) { try writer.flush { _ in throw DiskFull() } }
        #expect(Self.text(writer) == "a\r\n")
    }

    /// What the writer produces, the reader reads back field for field (text cells with their
    /// neutralising `'`).
    @Test func roundTripsThroughTheReader() throws {
        let cells = [
            "OrderCode", "=HYPERLINK(\"x\")", "multi\r\nline, with \"quotes\"", "", "Tân Bình", "-1",
            "\r", "\n", "\"", ",",
        ]
        var writer = CSVWriter(bom: true)
        for cell in cells {
            writer.appendText(cell)
        }
        writer.endRow()
        writer.writeRow([.raw("-3"), .empty])
        var reader = CSVReader(writer.buffer)
        let first = try #require(try reader.next()?.get())
        #expect(
            first.fields == [
                "OrderCode", "'=HYPERLINK(\"x\")", "multi\r\nline, with \"quotes\"", "", "Tân Bình", "'-1",
                "'\r", "\n", "\"", ",",
            ])
        let second = try #require(try reader.next()?.get())
        #expect(second.fields == ["-3", ""])
        #expect(second.line == 5)  // the first record spans lines 1–4 (CRLF, CR and LF inside)
        #expect(reader.next() == nil)
    }
}
