import Testing

@testable import ShipKPIXML

@Suite struct XMLTextTests {
    @Test(arguments: [
        "", "plain ASCII", "Hồ Chí Minh", "tab\tLF\nCR\r", "\u{7F}\u{D7FF}\u{E000}\u{FFFD}\u{10000}\u{10FFFF}",
    ])
    func keepsAllowedText(_ s: String) {
        #expect(XMLText.sanitize(s) == s)
    }

    @Test(arguments: [0x0, 0x1, 0x8, 0xB, 0xC, 0xE, 0x1F, 0xFFFE, 0xFFFF] as [UInt32])
    func replacesForbiddenCharacter(_ value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        #expect(XMLText.sanitize("a\(Character(scalar))b") == "a\u{FFFD}b")
    }

    @Test func replacesEveryForbiddenCharacterAndKeepsTheRest() {
        #expect(
            XMLText.sanitize("\u{0}x\u{1}\u{FFFF}Hồ\u{FFFE}\u{1F}") == "\u{FFFD}x\u{FFFD}\u{FFFD}Hồ\u{FFFD}\u{FFFD}")
    }

    /// `EF BF BD` (U+FFFD) and `EF BF 80` share the prefix of U+FFFE/U+FFFF but are allowed.
    @Test func doesNotConfuseNeighboursOfFFFE() {
        let s = "\u{FFFD}\u{FFC0}\u{EFFF}"
        #expect(XMLText.sanitize(s) == s)
    }

    @Test(arguments: [
        ("a--b", "a- -b"), ("---", "- - - "), ("ends-", "ends- "), ("-", "- "), ("no dash", "no dash"),
        ("bad\u{1}--", "bad\u{FFFD}- - "),
    ])
    func commentSafeBreaksDoubleHyphens(_ input: String, _ expected: String) {
        #expect(XMLText.commentSafe(input) == expected)
    }
}
