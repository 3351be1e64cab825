import Foundation
import ShipKPICore

#if canImport(Glibc)
import Glibc
#endif

/// Parses inputs on `threads` worker threads and hands the batches to the caller **in input
/// order**, so everything downstream runs exactly as in a single-threaded run.
///
/// Memory is bounded: at most `2 × threads + 2` units (each about one chunk) are in flight.
package final class Pipeline: @unchecked Sendable {
    private let inputs: [InputFile]
    /// Each input's number in the run (its position in the whole input list: units, positions
    /// and rejects carry it); by default its position in `inputs`.
    private let indices: [Int32]
    private let options: DecodeOptions
    private let threads: Int
    private let chunkSize: Int
    private let maxLineBytes: Int
    private let monitor = Monitor()
    private let recycler: Recycler

    // Shared state, guarded by `monitor`.
    private var queue: [(Int, WorkUnit)] = []
    /// Raw input bytes read (all inputs) when each unit was emitted, for the progress display.
    private var rawAt: [Int: Int64] = [:]
    private var consumedRaw: Int64 = 0
    private var results: [Int: (WorkUnit, EventBatch)] = [:]
    private var inFlight = 0
    private var produced = 0
    private var readerDone = false
    private var failure: Error?
    private var reports: [InputReport] = []
    private var rawBytesDone: Int64 = 0
    private var rawBytesCurrent: Int64 = 0

    package init(
        inputs: [InputFile], indices: [Int32]? = nil, options: DecodeOptions, threads: Int, chunkSize: Int = 2 << 20,
        maxLineBytes: Int
    ) {
        self.inputs = inputs
        self.indices = indices ?? inputs.indices.map { Int32($0) }
        self.options = options
        self.threads = max(1, threads)
        self.chunkSize = chunkSize
        self.maxLineBytes = maxLineBytes
        recycler = Recycler(limit: 2 * self.threads + 4, slotSize: chunkSize + chunkSize / 8 + ChunkReader.padding)
    }

    /// Raw input bytes whose records have been consumed, in order (for the progress display).
    package var bytesProcessed: Int64 { monitor.locked { consumedRaw } }

    /// What was read of the inputs finished so far, in order. An input's report is there before
    /// any unit of a later input reaches the consumer (the reader finishes inputs in order).
    package var finishedReports: [InputReport] { monitor.locked { reports } }

    /// Runs the pipeline; `consume` is called on the calling thread for each unit, in input order.
    /// Returns what was read of each input.
    package func run(consume: (WorkUnit, inout EventBatch) throws -> Void) throws -> [InputReport] {
        let limit = 2 * threads + 2
        var workers: [Thread] = []
        for _ in 0 ..< threads {
            let t = Thread { [self] in self.work() }
            t.stackSize = 8 << 20
            workers.append(t)
            t.start()
        }
        let reader = Thread { [self] in self.read(limit: limit) }
        reader.start()

        var next = 0
        var consumeError: Error?
        while true {
            let item: (WorkUnit, EventBatch)? = monitor.locked {
                while results[next] == nil && !(readerDone && next >= produced) && failure == nil && consumeError == nil {
                    monitor.wait()
                }
                if failure != nil || consumeError != nil { return nil }
                guard let r = results.removeValue(forKey: next) else { return nil }
                return r
            }
            // Consumed, not copied: `item` would otherwise keep a second reference to the batch's
            // arrays, and the consumer's first write to them (line numbering) would copy them.
            guard let (unit, batchValue) = consume item else { break }
            var batch = consume batchValue
            do {
                try consume(unit, &batch)  // inout: the batch stays uniquely owned, so it can be reused
                recycler.give(consume batch)
            } catch {
                consumeError = error
                monitor.locked {
                    failure = failure ?? error; monitor.broadcast()
                }
                break
            }
            monitor.locked {
                if let raw = rawAt.removeValue(forKey: next) { consumedRaw = raw }
                inFlight -= 1
                monitor.broadcast()
            }
            next += 1
        }
        // Stop everything and wait for the threads to leave.
        monitor.locked {
            readerDone = true
            if failure == nil && consumeError == nil && next < produced { failure = ShipKPIError.internal("pipeline ended early") }
            queue.removeAll()
            monitor.broadcast()
        }
        waitForExit(workers.count + 1)
        if let error = monitor.locked({ failure }) { throw error }
        return monitor.locked { reports }
    }

    private var exited = 0

    private func waitForExit(_ n: Int) {
        monitor.locked {
            while exited < n { monitor.wait() }
        }
    }

    private func threadExit() {
        monitor.locked {
            exited += 1
            monitor.broadcast()
        }
    }

    private func read(limit: Int) {
        defer { threadExit() }
        do {
            for (i, file) in inputs.enumerated() {
                var reader = ChunkReader(file: file, index: indices[i], chunkSize: chunkSize, maxLineBytes: maxLineBytes, hash: options.hash)
                reader.allocate = { [recycler] in recycler.buffer(count: $0) }
                reader.reuse = { [recycler] in recycler.give($0) }
                let report = try reader.run(
                    emit: { unit in
                        let stop: Bool = monitor.locked {
                            while inFlight >= limit && failure == nil && !readerDone { monitor.wait() }
                            if failure != nil || readerDone { return true }
                            queue.append((produced, unit))
                            rawAt[produced] = rawBytesDone + rawBytesCurrent
                            produced += 1
                            inFlight += 1
                            monitor.broadcast()
                            return false
                        }
                        if stop { throw CancellationError() }
                    },
                    progress: { raw in
                        monitor.locked { rawBytesCurrent = raw }
                    })
                recycler.dropLarge()
                monitor.locked {
                    reports.append(report)
                    rawBytesDone += report.bytes
                    rawBytesCurrent = 0
                }
            }
        } catch is CancellationError {
        } catch {
            monitor.locked { failure = failure ?? error }
        }
        monitor.locked {
            readerDone = true
            monitor.broadcast()
        }
    }

    private func work() {
        defer { threadExit() }
        let decoder: RecordDecoder
        do {
            decoder = try RecordDecoder(options: options)
        } catch {
            monitor.locked {
                failure = failure ?? error; monitor.broadcast()
            }
            return
        }
        while true {
            let job: (Int, WorkUnit)? = monitor.locked {
                while queue.isEmpty && !readerDone && failure == nil { monitor.wait() }
                if failure != nil || queue.isEmpty { return nil }
                return queue.removeFirst()
            }
            guard let (seq, jobUnit) = job else { return }
            var unit = jobUnit
            // Handed over with `take()`: a reference left here would make the consumer's first
            // write to the batch copy its arrays (and the recycled ones would be fresh pages).
            var batch: EventBatch? = UnitDecoder.decode(unit, decoder: decoder, maxLineBytes: maxLineBytes, into: recycler.batch())
            // The consumer needs the unit's position, not its bytes: the buffer goes back for reuse.
            let buffer = unit.buffer
            unit.buffer = []
            recycler.give(buffer)
            let done = unit
            monitor.locked {
                results[seq] = (done, batch.take()!)
                monitor.broadcast()
            }
        }
    }
}
