import ShipKPICore
import Testing

// HashSet128: insert-only set of 128-bit keys (event identities, packed (order, day) pairs).
// (`#expect` cannot wrap a mutating call, so each result is bound first.)

@Suite struct HashSet128Tests {
    @Test func insertReportsNewness() {
        var set = HashSet128(capacity: 4)
        let first = set.insert(high: 1, low: 2)
        let again = set.insert(high: 1, low: 2)
        let swapped = set.insert(high: 2, low: 1)  // halves swapped: a different key
        let other = set.insert(high: 1, low: 3)
        #expect(first)
        #expect(!again)
        #expect(swapped)
        #expect(other)
        #expect(set.count == 3)
    }

    @Test func manyKeysGrowTheTable() {
        var set = HashSet128(capacity: 1)
        let n: UInt64 = 50_000
        // Keys that share their low half and differ in the high half, and the reverse.
        var newInserts = 0
        for i in 1 ... n where set.insert(high: i, low: 7) { newInserts += 1 }
        for i in 1 ... n where set.insert(high: 7_000_000 + i, low: i) { newInserts += 1 }
        #expect(newInserts == Int(2 * n))
        #expect(set.count == Int(2 * n))
        var reinserted = 0
        for i in stride(from: UInt64(1), through: n, by: 97) {
            if set.insert(high: i, low: 7) { reinserted += 1 }
            if set.insert(high: 7_000_000 + i, low: i) { reinserted += 1 }
        }
        #expect(reinserted == 0)
        #expect(set.count == Int(2 * n))
        #expect(set.capacityBytes >= Int(2 * n) * 2 * 16)  // load ≤ 1/2, 16 bytes a slot
    }

    @Test func identities() {
        var set = HashSet128()
        let a = Identity128(high: 0xFFFF_FFFF_FFFF_FFFF, low: 0)
        let b = Identity128(high: 0, low: 0xFFFF_FFFF_FFFF_FFFF)
        let r1 = set.insert(a)
        let r2 = set.insert(b)
        let r3 = set.insert(a)
        let r4 = set.insert(Identity128(high: 0, low: 0xFFFF_FFFF_FFFF_FFFF))
        #expect(r1 && r2)
        #expect(!r3 && !r4)
        #expect(set.count == 2)
    }

    @Test func allZeroKey() {
        // The all-zero key marks empty slots internally; it must still be insertable exactly once.
        var set = HashSet128(capacity: 2)
        let first = set.insert(high: 0, low: 0)
        let again = set.insert(high: 0, low: 0)
        #expect(first)
        #expect(!again)
        #expect(set.count == 1)
        let lowOne = set.insert(high: 0, low: 1)
        let highOne = set.insert(high: 1, low: 0)
        #expect(lowOne && highOne)
        #expect(set.count == 3)
        // Still there after growth.
        for i in 2 ... UInt64(200) { _ = set.insert(high: i, low: i) }
        let afterGrowth = set.insert(high: 0, low: 0)
        let asIdentity = set.insert(Identity128(high: 0, low: 0))
        #expect(!afterGrowth)
        #expect(!asIdentity)
        #expect(set.count == 3 + 199)
    }
}
