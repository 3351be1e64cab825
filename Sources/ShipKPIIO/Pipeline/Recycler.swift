import ShipKPICore

/// Reuses the large buffers that travel through the pipeline — chunk buffers (reader → worker)
/// and batch storage (worker → consumer) — instead of allocating them per chunk. Without it
/// every 4 MiB chunk is a fresh mmap (page faults) or lingers in malloc's per-thread arenas;
/// with it the in-flight memory is a fixed handful of buffers.
final class Recycler: @unchecked Sendable {
    private let monitor = Monitor()
    private var buffers: [[UInt8]] = []
    private var batches: [EventBatch] = []
    private let limit: Int
    /// Every pooled chunk buffer has exactly this many bytes: a chunk, the start of a line carried
    /// over from the previous chunk, and the padding.
    private let slotSize: Int
    /// Buffers for multi-megabyte lines (a chunk continuing a proof-of-delivery image): sized in
    /// powers of two, so that a line growing chunk by chunk moves a few times, not once per chunk,
    /// and kept — at most ``largeLimit`` of them, each at most ``largeMax`` bytes — for the next
    /// long line: fresh ones cost a page fault per 4 KiB. Freed when an input has been read
    /// (``dropLarge()``): long lines are a trait of an export.
    private var large: [[UInt8]] = []
    private static let largeLimit = 2
    private static let largeMax = 32 << 20

    init(limit: Int, slotSize: Int) {
        self.limit = limit
        self.slotSize = slotSize
    }

    /// A buffer of at least `count` bytes (contents unspecified).
    func buffer(count: Int) -> [UInt8] {
        if count <= slotSize {
            if let b = monitor.locked({ buffers.popLast() }) { return b }
            return [UInt8](unsafeUninitializedCapacity: slotSize) { _, initialized in initialized = slotSize }
        }
        let fits: [UInt8]? = monitor.locked {
            guard let i = large.indices.filter({ large[$0].count >= count }).min(by: { large[$0].count < large[$1].count }) else { return nil }
            return large.remove(at: i)
        }
        if let fits { return fits }
        let size = count <= Self.largeMax ? max(slotSize, 1 << (Int.bitWidth - (count - 1).leadingZeroBitCount)) : count
        return [UInt8](unsafeUninitializedCapacity: size) { _, initialized in initialized = size }
    }

    func give(_ buffer: consuming [UInt8]) {
        let b = buffer
        if b.count == slotSize {
            monitor.locked { if buffers.count < limit { buffers.append(b) } }
        } else if b.count > slotSize && b.count <= Self.largeMax {
            monitor.locked {
                if large.count < Self.largeLimit {
                    large.append(b)
                } else if let i = large.indices.min(by: { large[$0].count < large[$1].count }), large[i].count < b.count {
                    large[i] = b  // the larger one serves more lines
                }
            }
        }
    }

    /// Frees the kept long-line buffers.
    func dropLarge() {
        monitor.locked { large.removeAll() }
    }

    /// An empty batch, with the capacity of a previous one when available.
    func batch() -> EventBatch {
        monitor.locked { batches.popLast() } ?? EventBatch()
    }

    func give(_ batch: consuming EventBatch) {
        var b = batch
        b.reset()
        monitor.locked { if batches.count < limit { batches.append(b) } }
    }
}
