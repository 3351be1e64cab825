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
    /// Buffers larger than this (a chunk that held a very long line) are not kept.
    private let bufferCap: Int

    init(limit: Int, bufferCap: Int) {
        self.limit = limit
        self.bufferCap = bufferCap
    }

    /// A buffer of at least `count` bytes (contents unspecified).
    func buffer(count: Int) -> [UInt8] {
        if count <= bufferCap, let b = monitor.locked({ buffers.popLast() }) {
            var b = b
            if b.count < count { b += repeatElement(0, count: count - b.count) }
            return b
        }
        return [UInt8](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    func give(_ buffer: consuming [UInt8]) {
        guard buffer.count <= bufferCap else { return }
        let b = buffer
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
