import ArgumentParser
import Foundation
import Logging
import ShipKPICore
import ShipKPIIO
import Glibc

/// SIGINT and SIGTERM: delete the run's temporary files (the previous reports stay as they
/// were), log one line, and exit 130 or 143 (128 + the signal, as shells report it).
enum Interrupts {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install(_ logger: Logger) {
        guard sources.isEmpty else { return }
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                let removed = TemporaryRegistry.shared.abandonAllAndHold()
                logger.error(
                    "interrupted by \(name): no report was replaced (\(removed) temporary file(s) removed)",
                    metadata: ["exit_code": .stringConvertible(128 + number), "status": "interrupted"])
                Foundation.exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }
}
