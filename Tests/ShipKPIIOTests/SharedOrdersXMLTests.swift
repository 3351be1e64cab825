import Foundation
import ShipKPICore
import ShipKPIIO
import ShipKPITestSupport
import ShipKPIXML
import Testing

/// report.xml's orders written by two lanes (``SharedOrdersXML``) are the bytes one writer writes,
/// wherever the lanes meet: every chunk direct, every chunk rendered ahead, or any mix, with the
/// other lane running at the same time.
@Suite struct SharedOrdersXMLTests {
    /// 250 orders of both carriers, with and without order records.
    static func rows() throws -> FoldedRows {
        var lines: [String] = []
        for i in 0 ..< 250 {
            if i % 3 == 0 {
                lines.append(#"{"guide":{"guideNumber":"H\#(i)","currentStatus":{"status":\#(i % 2 == 0 ? 2 : 38),"date":"05/03/2026 10:00:00"}}}"#)
            } else {
                lines.append(#"{"OrderCode":"V\#(i)","Status":\#(i % 4 == 0 ? 30 : 24),"Time":"2026-03-0\#(1 + i % 9) 10:00:00"}"#)
                if i % 5 == 0 { lines.append(#"{"OrderCode":"V\#(i)","ServiceTypeID":"DE","CODAmount":\#(1000 * i)}"#) }
            }
        }
        let batch = try decodeLines(lines)
        let result = try StagedReport.compute(settings: testFoldSettings()) { emit in try emit(batch) }
        return FoldedRows(
            folds: [result.fold], carriers: CarrierRegistry.standard.carriers,
            currencies: CarrierRegistry.standard.defaultCurrencies, remittancePaths: [])
    }

    /// The `<orders>` section of a document written with `source`.
    static func document(_ source: any PerOrderSource) throws -> [UInt8] {
        let xml = try XMLStreamWriter.inMemory()
        try xml.startDocument()
        try xml.startElement("report")
        try xml.attribute("version", "1")
        try xml.startElement("orders")
        try source.writeOrdersXML(xml)
        try xml.endElement()
        try xml.startElement("cod")
        try xml.endElement()
        try xml.endDocument()
        return try xml.bytes()
    }

    @Test(arguments: [1, 7, 64, 1000])
    func twoLanesWriteWhatOneWriterWrites(chunkSize: Int) throws {
        let rows = try Self.rows()
        let expected = try Self.document(rows)
        #expect(expected.count > 10_000)
        // Every chunk rendered ahead before the XML lane starts.
        let ahead = try #require(SharedOrdersXML(rows, chunkSize: chunkSize))
        ahead.renderAhead()
        #expect(try Self.document(ahead) == expected)
        // No chunk rendered ahead.
        let direct = try #require(SharedOrdersXML(rows, chunkSize: chunkSize))
        #expect(try Self.document(direct) == expected)
        // Both at once, many times: wherever they meet, the bytes are the same.
        for _ in 0 ..< 20 {
            let both = try #require(SharedOrdersXML(rows, chunkSize: chunkSize))
            let helper = Thread { both.renderAhead() }
            helper.start()
            let got = try Self.document(both)
            while !helper.isFinished { usleep(100) }
            #expect(got == expected)
        }
    }
}
