import Foundation
import Testing

/// A string that must survive the XML writer and the HTML builder as text.
struct HostileCase: Sendable, CustomTestStringConvertible {
    /// What goes in.
    let input: String
    /// What a parser must read back: `input` with the characters XML 1.0 forbids replaced by U+FFFD.
    let expected: String

    init(_ input: String, _ expected: String? = nil) {
        self.input = input
        self.expected = expected ?? input
    }

    var testDescription: String { input.debugDescription }
}

/// Markup, entity look-alikes, forbidden characters and non-ASCII text. Expected values are spelled
/// out rather than computed with `XMLText.sanitize`, so a broken sanitiser fails these tests.
let hostileCases: [HostileCase] = [
    HostileCase("<script>alert(1)</script>"),
    HostileCase("&"),
    HostileCase("&amp;"),
    HostileCase("&#0; &lt; &unknown;"),
    HostileCase("]]>"),
    HostileCase("\"'"),
    HostileCase("<!-- c --><![CDATA[x]]><?pi x?>"),
    HostileCase("a\u{1}b\u{8}c\u{B}d\u{C}e\u{1F}f", "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f"),
    HostileCase("nul\u{0}end", "nul\u{FFFD}end"),
    HostileCase("x\u{FFFE}y\u{FFFF}z", "x\u{FFFD}y\u{FFFD}z"),
    // Non-characters and range edges that XML 1.0 allows (written by value: Swift rejects some in literals).
    HostileCase(scalars(0xFDD0, 0x1FFFE, 0x10FFFF, 0xD7FF, 0xE000, 0xFFFD, 0x7F)),
    HostileCase("😀 👍🏽 👨‍👩‍👧"),
    HostileCase("Hồ Chí Minh — Ciudad de México, Nuñoa"),
    HostileCase("tab\there\nnew line\r\ncrlf\rcr"),
]

/// The string of the given Unicode scalar values (all valid scalars).
func scalars(_ values: UInt32...) -> String {
    String(String.UnicodeScalarView(values.compactMap(Unicode.Scalar.init)))
}

/// Runs `body` with a fresh directory that is removed afterwards (tests run in parallel).
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("shipkpi-xml-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url.path)
}

/// The bytes as text, for substring checks on serialised output.
func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

/// Whether writes to `/dev/full` fail with ENOSPC here, to exercise write failures.
let hasDevFull = FileManager.default.isWritableFile(atPath: "/dev/full")
