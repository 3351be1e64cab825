import Foundation
import ShipKPIIO

#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress display on stderr for long runs: input bytes processed, percentage,
/// throughput and time left.
/// Only used when stderr is a terminal and logs are text (`CommonOptions` decides, as
/// `RunConfiguration.showProgress`); it redraws about 5 times a second and erases itself when
/// stopped, so logs and the summary line stay clean. The runner knows nothing of it: it reports
/// reading through ``Runner/onRead``, and ``readObserver`` draws from that.
final class ProgressDisplay: @unchecked Sendable {
    private let total: Int64
    private let read: @Sendable () -> Int64
    private let monitor = Monitor()
    private var running = false
    private var thread: Thread?
    private var finished = false
    private let started = Date()

    init(total: Int64, read: @escaping @Sendable () -> Int64) {
        self.total = total
        self.read = read
    }

    /// A runner's read observer that shows this display while the run reads its inputs.
    static let readObserver: Runner.ReadObserver = { totalBytes, bytesProcessed in
        let display = ProgressDisplay(total: totalBytes, read: bytesProcessed)
        display.start()
        return { display.stop() }
    }

    /// True when `fd` is a terminal.
    static func isTerminal(_ fd: Int32 = 2) -> Bool { isatty(fd) == 1 }

    func start() {
        monitor.locked { running = true }
        let t = Thread { [self] in
            while monitor.locked({ running }) {
                draw()
                usleep(200_000)
            }
            monitor.locked {
                finished = true; monitor.broadcast()
            }
        }
        thread = t
        t.start()
    }

    func stop() {
        monitor.locked {
            guard running else { return }
            running = false
            while !finished { monitor.wait() }
        }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    private func draw() {
        let done = read()
        let seconds = max(Date().timeIntervalSince(started), 0.001)
        let mb = Double(done) / 1_000_000
        var line = String(format: "\rshipkpi: processed %.1f MB", mb)
        if total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let width = 24
            let filled = Int(fraction * Double(width))
            line += " [" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
            line += String(format: " %3.0f%%", fraction * 100)
            if fraction > 0.02 && fraction < 1 {
                line += String(format: ", about %.0f s left", seconds / fraction - seconds)
            }
        }
        line += String(format: " (%.0f MB/s)\u{1B}[K", mb / seconds)
        FileHandle.standardError.write(Data(line.utf8))
    }
}
