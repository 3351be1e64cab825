import Foundation

/// Durations of a run's phases (read, tables, outputs, …), for run-timings.json and for an
/// observer the caller may attach (the CLI prints them for benchmarks when asked to).
package final class PhaseClock: @unchecked Sendable {
    private let lock = NSLock()
    private let started = Date()
    private var last = Date()
    private let observer: (@Sendable (String, Double) -> Void)?
    /// Phases in the order they ended, with their durations in seconds.
    package private(set) var phases: [(name: String, seconds: Double)] = []

    package init(observer: (@Sendable (String, Double) -> Void)?) {
        self.observer = observer
    }

    /// Ends the phase that began when the previous one ended.
    package func end(_ name: String) {
        let now = Date()
        record(name, seconds: now.timeIntervalSince(lock.withLock { last }))
        lock.withLock { last = now }
    }

    /// Seconds since the clock started.
    package var total: Double { Date().timeIntervalSince(started) }

    /// The jobs of a lane as one job that records its own duration (lanes overlap, so they do
    /// not advance the phase clock).
    package func timed(_ name: String, lane: [() throws -> Void]) -> () throws -> Void {
        {
            let start = Date()
            for job in lane { try job() }
            self.record(name, seconds: Date().timeIntervalSince(start))
        }
    }

    private func record(_ name: String, seconds: Double) {
        lock.withLock { phases.append((name, seconds)) }
        observer?(name, seconds)
    }
}
