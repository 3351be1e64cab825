import ShipKPIIO
import ShipKPITestSupport
import Testing

@Suite struct CSVReaderTests {
    /// A record as (line, byte offset, fields), or an error as (line, byte offset, reason).
    enum Item: Equatable, CustomStringConvertible {
        case record(Int, Int, [String])
        case error(Int, Int, CSVReadError.Reason)

        var description: String {
            switch self {
            case .record(let line, let offset, let fields): "record(line \(line), byte \(offset), \(fields))"
            case .error(let line, let offset, let reason): "error(line \(line), byte \(offset), \(reason))"
            }
        }
    }

    static func read(_ bytes: [UInt8]) -> [Item] {
        CSVReader(bytes).map { result in
            switch result {
            case .success(let record): .record(record.line, record.byteOffset, record.fields)
            case .failure(let error): .error(error.line, error.byteOffset, error.reason)
            }
        }
    }

    static func read(_ text: String) -> [Item] {
        read(Array(text.utf8))
    }

    @Test func simpleRowsWithLineNumbersAndOffsets() {
        #expect(
            Self.read("OrderCode,Amount\r\nA1,500000\r\nB2,12.50\r\n") == [
                .record(1, 0, ["OrderCode", "Amount"]),
                .record(2, 18, ["A1", "500000"]),
                .record(3, 29, ["B2", "12.50"]),
            ])
    }

    @Test(arguments: ["a,b\nc,d\n", "a,b\r\nc,d\r\n", "a,b\rc,d\r", "a,b\nc,d", "a,b\r\nc,d"])
    func everyLineEnding(text: String) {
        let items = Self.read(text)
        #expect(items.count == 2)
        #expect(items.first == .record(1, 0, ["a", "b"]))
        #expect(items.last == .record(2, text.hasPrefix("a,b\r\n") ? 5 : 4, ["c", "d"]))
    }

    @Test func mixedLineEndingsCountLines() {
        #expect(
            Self.read("a\rb\nc\r\nd") == [
                .record(1, 0, ["a"]), .record(2, 2, ["b"]), .record(3, 4, ["c"]), .record(4, 7, ["d"]),
            ])
    }

    @Test func byteOrderMarkIsSkipped() {
        #expect(
            Self.read([0xEF, 0xBB, 0xBF] + Array("OrderCode\nA1\n".utf8)) == [
                .record(1, 3, ["OrderCode"]), .record(2, 13, ["A1"]),
            ])
        // Only at the very start: elsewhere it is data.
        #expect(
            Self.read(Array("a\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("b".utf8)) == [
                .record(1, 0, ["a"]), .record(2, 2, ["\u{FEFF}b"]),
            ])
    }

    @Test func blankLinesAreSkipped() {
        #expect(
            Self.read("\n\r\na,b\n\n   \n\t\r\nc,d\n\n  ") == [
                .record(3, 3, ["a", "b"]),
                .record(7, 15, ["c", "d"]),
            ])
        #expect(Self.read("").isEmpty)
        #expect(Self.read("\r\n\n \t").isEmpty)
    }

    @Test func emptyFields() {
        #expect(
            Self.read("a,,c\n,\n,,\na,\n\"\"\n  x  , y") == [
                .record(1, 0, ["a", "", "c"]),
                .record(2, 5, ["", ""]),
                .record(3, 7, ["", "", ""]),
                .record(4, 10, ["a", ""]),
                .record(5, 13, [""]),
                .record(6, 16, ["  x  ", " y"]),
            ])
        #expect(Self.read("a,") == [.record(1, 0, ["a", ""])])
    }

    @Test func quotedFields() {
        let text = "\"a,b\",\"say \"\"hi\"\"\",\"\"\"\"\n\"multi\r\nline\nfield\rend\",x\nnext,\"\"\n"
        #expect(
            Self.read(text) == [
                .record(1, 0, ["a,b", "say \"hi\"", "\""]),
                .record(2, 24, ["multi\r\nline\nfield\rend", "x"]),
                .record(6, 50, ["next", ""]),
            ])
    }

    @Test func quotedFieldAtEndOfInput() {
        #expect(Self.read("a,\"b\"") == [.record(1, 0, ["a", "b"])])
        #expect(Self.read("\"a\nb\"") == [.record(1, 0, ["a\nb"])])
    }

    @Test func quoteInsideUnquotedFieldIsAnErrorAndReadingGoesOn() {
        #expect(
            Self.read("h1,h2\nab\"c,d\nx,y\n") == [
                .record(1, 0, ["h1", "h2"]), .error(2, 6, .quoteInUnquotedField), .record(3, 13, ["x", "y"]),
            ])
        #expect(Self.read(" \"a\",b\nc") == [.error(1, 0, .quoteInUnquotedField), .record(2, 7, ["c"])])
    }

    @Test func textAfterClosingQuoteIsAnError() {
        #expect(
            Self.read("\"ab\"c,d\ne,f") == [.error(1, 0, .textAfterClosingQuote), .record(2, 8, ["e", "f"])])
        #expect(
            Self.read("\"ab\" ,d\ne,f") == [.error(1, 0, .textAfterClosingQuote), .record(2, 8, ["e", "f"])])
        // Detected on the record's third line: reading resumes on the line after that.
        #expect(
            Self.read("\"a\nb\nc\"x,1\nd,e\n") == [.error(1, 0, .textAfterClosingQuote), .record(4, 11, ["d", "e"])])
    }

    @Test func unterminatedQuoteCostsOneRecord() {
        #expect(
            Self.read("a,b\n\"open,c\nd,e\nf,g") == [
                .record(1, 0, ["a", "b"]),
                .error(2, 4, .unterminatedQuotedField),
                .record(3, 12, ["d", "e"]),
                .record(4, 16, ["f", "g"]),
            ])
        #expect(Self.read("x,\"") == [.error(1, 0, .unterminatedQuotedField)])
    }

    @Test func invalidUTF8IsAnErrorNeverRepaired() {
        let bytes: [UInt8] =
            Array("a,".utf8) + [0xFF, 0xFE] + Array("\nok\n\"q".utf8) + [0xC3] + Array("\",z\nlast".utf8)
        #expect(
            Self.read(bytes) == [
                .error(1, 0, .invalidUTF8),
                .record(2, 5, ["ok"]),
                .error(3, 8, .invalidUTF8),
                .record(4, 15, ["last"]),
            ])
        // Overlong encoding of "/" and a lone surrogate are invalid too.
        #expect(Self.read([0xC0, 0xAF]) == [.error(1, 0, .invalidUTF8)])
        #expect(Self.read([0xED, 0xA0, 0x80]) == [.error(1, 0, .invalidUTF8)])
    }

    @Test func unicodeTextIsDecoded() {
        #expect(
            Self.read("Hà Nội,\"Ciudad de México, CDMX\",Đồng\n") == [
                .record(1, 0, ["Hà Nội", "Ciudad de México, CDMX", "Đồng"])
            ])
    }

    @Test func errorDescriptionNamesTheLine() {
        let error = CSVReadError(reason: .unterminatedQuotedField, line: 7, byteOffset: 120)
        #expect(error.description == "line 7 (byte 120): unterminated_quoted_field")
    }

    @Test func recordFieldAccess() throws {
        var reader = CSVReader(Array("a,b".utf8))
        let record = try #require(try reader.next()?.get())
        #expect(record.field(1) == "b")
        #expect(record.field(2) == nil)
        #expect(record.field(-1) == nil)
    }

    @Test func headerFindsColumns() throws {
        var reader = CSVReader(
            [0xEF, 0xBB, 0xBF] + Array(" OrderCode ,amount,Amount,RemittedAt\t,\u{FEFF}Fee,Reference\r\n".utf8))
        let header = CSVHeader(try #require(try reader.next()?.get()))
        #expect(header.names == ["OrderCode", "amount", "Amount", "RemittedAt", "Fee", "Reference"])
        #expect(header.index(of: "OrderCode") == 0)
        #expect(header.index(of: "Amount") == 2)  // exact beats the earlier case-insensitive match
        #expect(header.index(of: "AMOUNT") == 1)  // else the first case-insensitive match
        #expect(header.index(of: " RemittedAt ") == 3)
        #expect(header.index(of: "fee") == 4)
        #expect(header.index(of: "Reference") == 5)
        #expect(header.index(of: "orderCode") == 0)
        #expect(header.index(of: "Order Code") == nil)
        #expect(header.index(of: "") == nil)
    }
}
