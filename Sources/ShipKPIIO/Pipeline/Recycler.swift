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
    /// Every pooled buffer has exactly this many bytes: a chunk, the start of a line carried over
    /// from the previous chunk, and the padding. A request for more (a chunk that continues a
    /// multi-megabyte line) gets a buffer of its own size that is freed after use, so one long line
    /// never leaves large buffers behind in the pool.
    private let slotSize: Int

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
        return [UInt8](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    func give(_ buffer: consuming [UInt8]) {
        let b = buffer
        guard b.count == slotSize else { return }
        monitor.locked { if buffers.count < limit { buffers.append(b) } }
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
