import ShipKPICore
import Testing

// ByteInterner: dense ids in first-insertion order, growth past the initial table, byte-order
// comparison (code-point order for UTF-8, used for every "ascending (byte order)" row order).

private func withBytes<R>(_ s: String, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    var copy = s
    return copy.withUTF8 { body(UnsafeRawBufferPointer($0)) }
}

@Suite struct ByteInternerTests {
    @Test func internReturnsDenseIdsAndFindsThem() {
        var interner = ByteInterner(capacity: 4)
        let a = withBytes("A1") { interner.intern($0) }
        let b = withBytes("B2") { interner.intern($0) }
        let again = withBytes("A1") { interner.intern($0) }
        #expect(a.id == 0 && a.inserted)
        #expect(b.id == 1 && b.inserted)
        #expect(again.id == 0 && !again.inserted)
        #expect(interner.count == 2)
        #expect(interner.find("B2") == 1)
        #expect(interner.find("C3") == nil)
        #expect(interner.string(0) == "A1")
        #expect(Array(interner.bytes(1)) == Array("B2".utf8))
    }

    @Test func manyKeysGrowTheTable() {
        // Capacity 4 → initial table of 16 slots; 20,000 keys force many doublings.
        var interner = ByteInterner(capacity: 4)
        let n = 20_000
        var ids: [Int32] = []
        for i in 0 ..< n { ids.append(interner.intern("order-\(i)")) }
        #expect(ids == (0 ..< Int32(n)).map { $0 })
        #expect(interner.count == n)
        // Re-interning inserts nothing; every key keeps its id and bytes after growth.
        for i in stride(from: 0, to: n, by: 7) {
            let r = withBytes("order-\(i)") { interner.intern($0) }
            #expect(r.id == Int32(i) && !r.inserted)
            #expect(interner.string(Int32(i)) == "order-\(i)")
        }
        #expect(interner.count == n)
        #expect(interner.find("order-\(n)") == nil)
    }

    @Test func keysThatDifferOnlyInLengthOrLastByte() {
        var interner = ByteInterner()
        // Long keys (> 16 bytes) exercise the 8-byte chunked compare; they share long prefixes.
        let keys = ["", "a", "aa", "aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaab", "aaaaaaaaaaaaaaaa\u{0}"]
        let ids = keys.map { interner.intern($0) }
        #expect(ids == (0 ..< Int32(keys.count)).map { $0 })
        #expect(interner.count == keys.count)
        for (i, k) in keys.enumerated() { #expect(interner.find(k) == Int32(i), "\(k.utf8.count) bytes") }
    }

    @Test func emptyKey() {
        var interner = ByteInterner()
        #expect(interner.find("") == nil)
        let id = interner.intern("")
        #expect(id == 0)
        #expect(interner.find("") == 0)
        #expect(interner.string(0) == "")
        #expect(interner.bytes(0).isEmpty)
    }

    @Test func lexicographicOrderByBytes() {
        var interner = ByteInterner()
        // Unicode code-point order of UTF-8 bytes: "B" (0x42) < "a" (0x61); a prefix comes first;
        // "z" (0x7A) < "é" (0xC3 0xA9) < "Đ" (U+0110: 0xC4 0x90); 9-byte keys differing at byte 9.
        let words = ["é", "a", "B", "ab", "z", "Đà Nẵng", "", "order-000", "order-001", "order-00"]
        for w in words { interner.intern(w) }
        let ids = (0 ..< Int32(words.count)).sorted { interner.lexicographicallyPrecedes($0, $1) }
        #expect(ids.map { interner.string($0) } == ["", "B", "a", "ab", "order-00", "order-000", "order-001", "z", "é", "Đà Nẵng"])
        // Irreflexive.
        for id in ids { #expect(!interner.lexicographicallyPrecedes(id, id)) }
    }

    @Test func seedDoesNotChangeIdentity() {
        var a = ByteInterner(seed: 1)
        var b = ByteInterner(seed: 0xDEAD_BEEF)
        for i in 0 ..< 100 {
            let x = a.intern("k\(i)")
            let y = b.intern("k\(i)")
            #expect(x == y)
        }
        #expect(a.find("k42") == 42 && b.find("k42") == 42)
    }
}
