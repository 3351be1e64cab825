import ArgumentParser
import Foundation
import Logging
import ShipKPICore
import ShipKPIIO

#if canImport(Glibc)
import Glibc
#endif

@main
struct ShipKPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shipkpi",
        abstract: "Delivery KPIs and COD reconciliation from 247Express and HoundExpress exports.",
        discussion: """
            shipkpi reads the carriers' exported status events and order records (JSON, NDJSON, \
            optionally gzip), normalises statuses and dates into one model, and writes delivery KPIs, \
            a cash-on-delivery reconciliation and order checks as CSV, XML and HTML.

            Exit codes:
              0   success
              64  usage error (bad flag, bad config, empty --api-keys list)
              65  --max-reject-rate exceeded (every output was still written)
              66  an input path does not exist
              74  a read or write failed (outputs from the previous run are kept)
              75  another run holds the output directory's lock
              1   internal error (never caused by bad data)
            """,
        version: shipkpiVersion,
        subcommands: [Report.self, Normalize.self, StatusMapCommand.self, SchemaCommand.self, Generate.self]
    )
}

/// Runs `body`, mapping errors to the documented exit codes (SPEC §8) with one message on stderr.
func runMapped(_ logger: Logger, _ body: () throws -> RunOutcome, quietSummary: Bool, format: LogFormat) throws {
    signal(SIGXFSZ, SIG_IGN)  // a file-size limit must surface as a write error (exit 74), not a signal
    signal(SIGPIPE, SIG_IGN)
    do {
        let outcome = try body()
        if !quietSummary {
            if format == .json {
                logger.info("run finished", metadata: [
                    "inputs": .stringConvertible(outcome.inputs), "bytes": .stringConvertible(outcome.bytes),
                    "lines": .stringConvertible(outcome.lines), "events": .stringConvertible(outcome.acceptedEvents),
                    "duplicates": .stringConvertible(outcome.duplicates), "rejects": .stringConvertible(outcome.rejects),
                    "orders": .stringConvertible(outcome.orders), "out": .string(outcome.outputDirectory),
                    "seconds": .stringConvertible(Double(Int(outcome.seconds * 1000)) / 1000),
                ])
            } else {
                FileHandle.standardError.write(Data((outcome.summaryLine + "\n").utf8))
            }
        }
        if let exceeded = outcome.thresholdExceeded {
            logger.error("\(exceeded.description)")
            throw ExitCode(65)
        }
    } catch let error as ShipKPIError {
        logger.error("\(error.description)")
        throw ExitCode(error.exitCode)
    } catch let error as ExitCode {
        throw error
    } catch {
        logger.error("internal error: \(error)")
        throw ExitCode(1)
    }
}
