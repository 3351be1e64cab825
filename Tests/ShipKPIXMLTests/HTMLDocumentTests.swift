import Foundation
import Testing

@testable import ShipKPIXML

@Suite struct HTMLDocumentTests {
    @Test func skeletonHasHTML5DoctypeLangAndCharset() throws {
        let document = try HTMLDocument(lang: "vi")
        try document.element("title", text: "Báo cáo", in: document.head)
        let html = text(try document.serialize())
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n"))
        #expect(html.contains("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">"))
        #expect(html.contains("<title>Báo cáo</title>"))
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test func nonASCIITextIsUTF8NotEntities() throws {
        let document = try HTMLDocument()
        try document.element("p", ["title": "Ciudad de México"], text: "Hồ Chí Minh", in: document.body)
        let html = text(try document.serialize())
        #expect(html.contains("<p title=\"Ciudad de México\">Hồ Chí Minh</p>"))
        #expect(!html.contains("&#"))
    }

    @Test(arguments: hostileCases)
    func hostileTextStaysText(_ hostile: HostileCase) throws {
        let document = try HTMLDocument()
        try document.element("title", text: hostile.input, in: document.head)
        let table = try document.element("table", in: document.body)
        let row = try document.element("tr", in: table)
        try document.element("td", ["id": "cell", "title": hostile.input], text: hostile.input, in: row)
        let paragraph = try document.element("p", ["id": "para"], in: document.body)
        try document.setAttribute("data-value", hostile.input, on: paragraph)
        try document.text(hostile.input, in: paragraph)
        let bytes = try document.serialize()

        let elements = try XMLCheck.parseHTML(bytes)
        #expect(elements.map(\.name) == ["html", "head", "meta", "title", "body", "table", "tr", "td", "p"])
        let cell = try #require(elements.first { $0.attributes["id"] == "cell" })
        #expect(cell.text == hostile.expected)
        #expect(cell.attributes["title"] == hostile.expected)
        let para = try #require(elements.first { $0.attributes["id"] == "para" })
        #expect(para.text == hostile.expected)
        #expect(para.attributes["data-value"] == hostile.expected)
        #expect(elements.first { $0.name == "title" }?.text == hostile.expected)
    }

    @Test func svgKeepsAttributeCase() throws {
        let document = try HTMLDocument()
        let svg = try document.element(
            "svg", ["viewBox": "0 0 100 50", "preserveAspectRatio": "none", "role": "img"], in: document.body)
        try document.element("title", text: "Tỷ lệ <giao> thành công", in: svg)
        try document.element("polyline", ["points": "0,50 50,10 100,20", "stroke-width": "2"], in: svg)
        let html = text(try document.serialize())
        #expect(html.contains("<svg viewBox=\"0 0 100 50\" preserveAspectRatio=\"none\" role=\"img\">"))
        #expect(html.contains("<title>Tỷ lệ &lt;giao&gt; thành công</title>"))
        #expect(html.contains("<polyline points=\"0,50 50,10 100,20\" stroke-width=\"2\"></polyline>"))
    }

    @Test func styleIsWrittenVerbatim() throws {
        let document = try HTMLDocument()
        let css = "table > tr td::after { content: \"&\" } a[href^='#'] { color: #333 }"
        try document.addStyle(css)
        let html = text(try document.serialize())
        #expect(html.contains("<style>\(css)</style>"))
    }

    @Test(arguments: ["x</style><script>alert(1)</script>", "x</STYLE >"])
    func styleThatWouldEndItselfIsRefused(_ css: String) throws {
        let document = try HTMLDocument()
        #expect(throws: XMLError.self) { try document.addStyle(css) }
    }

    /// libxml2 writes `<style>`/`<script>` content unescaped, so text from input may not go there.
    @Test(arguments: ["style", "script", "STYLE"])
    func textIntoRawTextElementIsRefused(_ name: String) throws {
        let document = try HTMLDocument()
        let element = try document.element(name, in: document.head)
        #expect(throws: XMLError.self) { try document.text("</\(name)><script>alert(1)</script>", in: element) }
        #expect(throws: XMLError.self) { try document.element(name, text: "x", in: document.body) }
    }

    @Test func nodeOfAnotherDocumentIsRefused() throws {
        let first = try HTMLDocument()
        let second = try HTMLDocument()
        #expect(throws: XMLError.self) { try first.element("p", in: second.body) }
        #expect(throws: XMLError.self) { try first.text("x", in: second.body) }
        #expect(throws: XMLError.self) { try first.setAttribute("id", "x", on: second.body) }
    }

    @Test func repeatedAttributeKeepsLastValue() throws {
        let document = try HTMLDocument()
        let node = try document.element("p", ["class": "a", "class": "b"], in: document.body)
        try document.setAttribute("class", "c", on: node)
        let html = text(try document.serialize())
        #expect(html.contains("<p class=\"c\"></p>"))
    }

    @Test func writeToFileMatchesSerialize() throws {
        let document = try HTMLDocument()
        try document.addStyle("p > b { color: red }")
        try document.element("p", ["title": "México"], text: "Hồ Chí Minh & <b>", in: document.body)
        try withTemporaryDirectory { dir in
            let path = dir + "/report%20.html"
            try document.write(to: path)
            let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(written == (try document.serialize()))
        }
    }

    @Test(.enabled(if: hasDevFull)) func writeFailureIsReported() throws {
        let document = try HTMLDocument()
        try document.element("p", text: String(repeating: "x", count: 100_000), in: document.body)
        let error = try #require(throws: XMLError.self) { try document.write(to: "/dev/full") }
        #expect(error.path == "/dev/full")
    }

    /// The handles keep the document alive: building through them after the document variable is
    /// gone must still work (a use-after-free would crash or corrupt the output).
    @Test func nodeHandleKeepsDocumentAlive() throws {
        func makeBody() throws -> HTMLNode { try HTMLDocument().body }
        let body = try makeBody()
        try body.document.element("p", text: "still here", in: body)
        #expect(text(try body.document.serialize()).contains("<p>still here</p>"))
    }
}
