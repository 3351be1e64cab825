import Foundation
import Testing

@testable import ShipKPIXML

@Suite struct XMLStreamWriterTests {
    @Test(arguments: hostileCases)
    func hostileTextRoundTripsInTextAndAttributes(_ hostile: HostileCase) throws {
        let writer = try XMLStreamWriter.inMemory()
        try writer.startDocument()
        try writer.startElement("doc")
        try writer.attribute("value", hostile.input)
        try writer.element("text", text: hostile.input)
        try writer.startElement("twice")
        try writer.text(hostile.input)
        try writer.text(hostile.input)
        try writer.endElement()
        try writer.endDocument()
        try writer.close()
        let bytes = try writer.bytes()

        // Nothing from the input became an element.
        #expect(XMLCheck.wellFormedErrors(xml: bytes) == [])
        let elements = try XMLCheck.parseXML(bytes)
        try #require(elements.map(\.name) == ["doc", "text", "twice"])
        #expect(elements[0].attributes["value"] == hostile.expected)
        #expect(elements[1].text == hostile.expected)
        #expect(elements[2].text == hostile.expected + hostile.expected)
    }

    @Test func writesIndentedDocumentWithDeclaration() throws {
        let writer = try XMLStreamWriter.inMemory()
        try writer.startDocument()
        try writer.startElement("report")
        try writer.attribute("version", "1")
        try writer.element("carrier", text: "GHN")
        try writer.startElement("empty")
        try writer.endElement()
        try writer.startElement("rows")
        try writer.startElement("row")
        try writer.attribute("q", "a\"b<c>&d\te\nf")
        try writer.endDocument()
        #expect(
            text(try writer.bytes()) == """
                <?xml version="1.0" encoding="UTF-8"?>
                <report version="1">
                  <carrier>GHN</carrier>
                  <empty/>
                  <rows>
                    <row q="a&quot;b&lt;c&gt;&amp;d&#9;e&#10;f"/>
                  </rows>
                </report>

                """)
    }

    /// A document written in one piece and one assembled from fragments written by other writers
    /// (what the fold stage does for the per-order sections) are byte-identical.
    @Test func fragmentsSplicedInGiveTheSameDocument() throws {
        func rows(_ w: XMLStreamWriter, _ range: Range<Int>) throws {
            for i in range {
                try w.startElement("row")
                try w.attribute("n", String(i))
                try w.attribute("text", "Giao hàng & \"trả\" <\(i)>")
                try w.endElement()
            }
        }
        let whole = try XMLStreamWriter.inMemory()
        try whole.startDocument()
        try whole.startElement("report")
        try whole.startElement("orders")
        try rows(whole, 0 ..< 7)
        try whole.endElement()
        try whole.startElement("none")
        try whole.endElement()
        try whole.endDocument()

        let parts = try [0 ..< 3, 3 ..< 3, 3 ..< 7].map { range -> [UInt8] in
            let fragment = try XMLStreamWriter.fragment(depth: 2)
            try rows(fragment, range)
            return try fragment.bytes()
        }
        let spliced = try XMLStreamWriter.inMemory()
        try spliced.startDocument()
        try spliced.startElement("report")
        try spliced.startElement("orders")
        spliced.beginChildren()
        for part in parts { try part.withUnsafeBytes { try spliced.raw($0) } }
        try spliced.endElement()
        try spliced.startElement("none")
        try spliced.endElement()
        try spliced.endDocument()
        #expect(text(try spliced.bytes()) == text(try whole.bytes()))
    }

    @Test func bytesFlushesAnOpenWriter() throws {
        let writer = try XMLStreamWriter.inMemory()
        try writer.startDocument()
        try writer.element("a", text: "x")
        #expect(text(try writer.bytes()).contains("<a>x</a>"))
    }

    @Test func streamsTwoHundredThousandElementsToAValidFile() throws {
        let schema = """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:element name="rows">
                <xs:complexType><xs:sequence>
                  <xs:element name="row" maxOccurs="unbounded">
                    <xs:complexType>
                      <xs:simpleContent>
                        <xs:extension base="xs:string"><xs:attribute name="id" type="xs:int" use="required"/></xs:extension>
                      </xs:simpleContent>
                    </xs:complexType>
                  </xs:element>
                </xs:sequence></xs:complexType>
              </xs:element>
            </xs:schema>
            """
        try withTemporaryDirectory { dir in
            let path = dir + "/big.xml"
            let writer = try XMLStreamWriter(path: path)
            try writer.startDocument()
            try writer.startElement("rows")
            for i in 0 ..< 200_000 {
                try writer.startElement("row")
                try writer.attribute("id", String(i))
                try writer.text("Hồ Chí Minh <\(i)> & co")
                try writer.endElement()
            }
            try writer.endDocument()
            try writer.close()

            #expect(try XMLCheck.validate(file: path, xsd: schema) == [])
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            let rows = text(bytes).components(separatedBy: "<row id=").count - 1
            #expect(rows == 200_000)
            #expect(text(bytes).contains("<row id=\"199999\">Hồ Chí Minh &lt;199999&gt; &amp; co</row>\n</rows>"))
        }
    }

    /// libxml2's `xmlNewTextWriterFilename` would percent-decode the path and write `aAb.xml`.
    @Test func pathIsAFileNameNotAURI() throws {
        try withTemporaryDirectory { dir in
            let writer = try XMLStreamWriter(path: dir + "/a%41b.xml")
            try writer.startDocument()
            try writer.element("a", text: "x")
            try writer.endDocument()
            try writer.close()
            #expect(FileManager.default.fileExists(atPath: dir + "/a%41b.xml"))
            #expect(!FileManager.default.fileExists(atPath: dir + "/aAb.xml"))
        }
    }

    @Test func unopenableFileThrowsWithPath() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/missing/report.xml"
            let error = try #require(throws: XMLError.self) { try XMLStreamWriter(path: path) }
            #expect(error.path == path)
            #expect(error.operation == "open")
            #expect(error.description.contains("No such file or directory"))
        }
    }

    @Test(.enabled(if: hasDevFull)) func writeFailureIsReported() throws {
        let writer = try XMLStreamWriter(path: "/dev/full")
        #expect(throws: XMLError.self) {
            try writer.startDocument()
            try writer.startElement("rows")
            for _ in 0 ..< 10_000 { try writer.element("row", text: "data that has to reach the disk") }
            try writer.endDocument()
            try writer.close()
        }
    }

    @Test func closeTwiceIsHarmlessAndLaterWritesThrow() throws {
        try withTemporaryDirectory { dir in
            let writer = try XMLStreamWriter(path: dir + "/a.xml")
            try writer.startDocument()
            try writer.element("a", text: "x")
            try writer.endDocument()
            try writer.close()
            try writer.close()
            let error = try #require(throws: XMLError.self) { try writer.element("b", text: "y") }
            #expect(error.reason.contains("closed"))
        }
    }

    @Test func endElementWithoutOpenElementThrows() throws {
        let writer = try XMLStreamWriter.inMemory()
        try writer.startDocument()
        let error = try #require(throws: XMLError.self) { try writer.endElement() }
        #expect(error.operation == "endElement")
    }

    @Test func deinitFlushesWhatWasWrittenWhenCloseIsForgotten() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/forgotten.xml"
            do {
                let writer = try XMLStreamWriter(path: path)
                try writer.startDocument()
                try writer.element("a", text: "x")
            }
            let written = try String(contentsOfFile: path, encoding: .utf8)
            #expect(written.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>x</a>"))
        }
    }
}
