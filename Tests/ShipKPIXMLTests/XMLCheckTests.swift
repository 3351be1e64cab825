import Foundation
import Testing

@testable import ShipKPIXML

@Suite struct XMLCheckTests {
    static let schema = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
          <xs:element name="summary">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="carrier" maxOccurs="unbounded">
                  <xs:complexType>
                    <xs:attribute name="name" type="xs:string" use="required"/>
                    <xs:attribute name="orders" type="xs:nonNegativeInteger" use="required"/>
                  </xs:complexType>
                </xs:element>
              </xs:sequence>
            </xs:complexType>
          </xs:element>
        </xs:schema>
        """

    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func wellFormedDocumentHasNoErrors() {
        #expect(XMLCheck.wellFormedErrors(xml: Self.bytes("<?xml version=\"1.0\"?>\n<a b=\"&amp;\">x</a>")) == [])
    }

    @Test(arguments: ["<a>&</a>", "<a><b></a>", "", "<a>\u{1}</a>", "<a>\u{FFFE}</a>", "<a/><b/>", "<a x='1' x='2'/>"])
    func malformedDocumentIsReported(_ xml: String) {
        let errors = XMLCheck.wellFormedErrors(xml: Self.bytes(xml))
        #expect(!errors.isEmpty)
    }

    @Test func errorsCarryLineNumbers() throws {
        let errors = XMLCheck.wellFormedErrors(xml: Self.bytes("<a>\n<b>\n</a>"))
        let first = try #require(errors.first)
        #expect(first.hasPrefix("line 3: "))
    }

    /// External entities must not be loaded: the parser never reads local files or the network.
    @Test func externalEntityIsNotExpanded() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE a [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <a>[&secret;]</a>
            """
        let elements = try XMLCheck.parseXML(Self.bytes(xml))
        #expect(elements.map(\.name) == ["a"])
        #expect(!(elements.first?.text.contains("root") ?? true))
    }

    @Test func validDocumentValidates() throws {
        let xml = "<summary><carrier name=\"GHN\" orders=\"3\"/><carrier name=\"ALL\" orders=\"3\"/></summary>"
        #expect(try XMLCheck.validate(xml: Self.bytes(xml), xsd: Self.schema) == [])
    }

    @Test func invalidDocumentReportsEachErrorWithItsLine() throws {
        let xml = """
            <summary>
            <carrier name="GHN" orders="-1"/>
            <carrier orders="2"/>
            <shipper/>
            </summary>
            """
        let errors = try XMLCheck.validate(xml: Self.bytes(xml), xsd: Self.schema)
        #expect(errors.count == 3)
        #expect(errors.contains { $0.hasPrefix("line 2: ") && $0.contains("'-1'") })
        #expect(errors.contains { $0.hasPrefix("line 3: ") && $0.contains("'name'") })
        #expect(errors.contains { $0.hasPrefix("line 4: ") && $0.contains("shipper") })
    }

    @Test func malformedDocumentIsNotValid() throws {
        let errors = try XMLCheck.validate(xml: Self.bytes("<summary><carrier"), xsd: Self.schema)
        #expect(!errors.isEmpty)
    }

    @Test(arguments: [
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element/></xs:schema>", "not xml", "",
    ])
    func invalidSchemaThrows(_ xsd: String) throws {
        let error = try #require(throws: XMLError.self) {
            try XMLCheck.validate(xml: Self.bytes("<summary/>"), xsd: xsd)
        }
        #expect(error.operation == "xmlSchemaParse" || error.operation == "xmlSchemaNewMemParserCtxt")
    }

    @Test func fileValidationReportsErrors() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/summary.xml"
            try "<summary>\n<carrier name=\"GHN\" orders=\"x\"/>\n</summary>\n".write(
                toFile: path, atomically: false, encoding: .utf8)
            let errors = try XMLCheck.validate(file: path, xsd: Self.schema)
            #expect(errors.count == 1)
            #expect(errors.first?.hasPrefix("line 2: ") == true)
        }
    }

    @Test func fileValidationOfMissingFileThrows() throws {
        try withTemporaryDirectory { dir in
            let error = try #require(throws: XMLError.self) {
                try XMLCheck.validate(file: dir + "/none.xml", xsd: Self.schema)
            }
            #expect(error.path == dir + "/none.xml")
        }
    }

    /// Each call collects only its own errors, even with many running at once on several threads.
    @Test func concurrentChecksKeepTheirErrorsApart() async throws {
        let results = try await withThrowingTaskGroup(of: (Int, [String], [String]).self) { group in
            for i in 0 ..< 32 {
                group.addTask {
                    let invalid = "<summary><bad\(i)/></summary>"
                    let malformed = "<m\(i)><x></m\(i)>"
                    return (
                        i, try XMLCheck.validate(xml: Self.bytes(invalid), xsd: Self.schema),
                        XMLCheck.wellFormedErrors(xml: Self.bytes(malformed))
                    )
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 32)
        for (i, invalid, malformed) in results {
            #expect(invalid.count == 1)
            #expect(invalid.allSatisfy { $0.contains("'bad\(i)'") })
            #expect(!malformed.isEmpty)
            #expect(malformed.allSatisfy { !$0.contains("bad") })
            #expect(malformed.contains { $0.contains("m\(i)") })
        }
    }

    /// The HTML reader does see markup, so "no script element" checks on our output mean something.
    @Test func parseHTMLFindsInjectedMarkup() throws {
        let elements = try XMLCheck.parseHTML(
            Self.bytes("<p title='&lt;x&gt;'>a<script>alert(1)</script>b &amp; c</p>"))
        #expect(elements.map(\.name) == ["html", "body", "p", "script"])
        #expect(elements[2].attributes["title"] == "<x>")
        #expect(elements[2].text == "aalert(1)b & c")
    }
}
