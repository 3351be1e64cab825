import Foundation

/// Runs lanes of jobs concurrently, one thread per lane, the jobs of a lane in order. Used to
/// write independent outputs at the same time. The first error (in lane order) is rethrown after
/// every lane has stopped, so no writer is still running when the caller cleans up.
package enum Lanes {
    private final class State: @unchecked Sendable {
        let monitor = Monitor()
        var finished = 0
        var errors: [Int: Error] = [:]
    }

    /// Wraps non-Sendable jobs for the hand-off; each job runs on exactly one thread.
    private struct Jobs: @unchecked Sendable {
        var jobs: [() throws -> Void]
    }

    package static func run(_ lanes: [[() throws -> Void]]) throws {
        let lanes = lanes.filter { !$0.isEmpty }
        if lanes.count <= 1 {
            for job in lanes.first ?? [] { try job() }
            return
        }
        let state = State()
        for (index, lane) in lanes.enumerated() {
            let jobs = Jobs(jobs: lane)
            let thread = Thread {
                var failure: Error?
                for job in jobs.jobs where failure == nil {
                    do { try job() } catch { failure = error }
                }
                state.monitor.locked {
                    if let failure { state.errors[index] = failure }
                    state.finished += 1
                    state.monitor.broadcast()
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        let firstError: Error? = state.monitor.locked {
            while state.finished < lanes.count { state.monitor.wait() }
            return state.errors.keys.sorted().first.map { state.errors[$0]! }
        }
        if let firstError { throw firstError }
    }
}
