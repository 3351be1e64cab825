import ArgumentParser
import Foundation
import ShipKPICore
import ShipKPIGenerate
import ShipKPIIO

#if canImport(Glibc)
import Glibc
#endif

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write realistic, deterministic exports of both carriers (to try the tool, or to benchmark it).",
        discussion: """
            Writes into --out a shop's exports over --days days ending --end: 247express-webhook.ndjson \
            (webhook status events, some in {"receivedAt", "payload"} envelopes), 247express-orders.ndjson \
            (order records, flat and {"OrderInfo": …}, some breaking the carrier's order checks, some re-sent), \
            247express-statuslogs.ndjson (GetStatusLogs documents that repeat some webhook events), \
            houndexpress-changeorderstatus.ndjson and houndexpress-webhook.ndjson (every date form), \
            247express-remittance.csv (the carrier's COD remittance statement: mostly exact, some short, \
            over, missing, duplicated or for undelivered orders), status-map.csv (the codes used beyond the \
            shipped map), api-keys.txt and README.txt (what was generated, with counts).

            Orders are 60 % 247Express, 40 % HoundExpress, with realistic lifecycles (most delivered at the \
            first attempt, failed attempts with reasons, returns, a few lost, confiscated or cancelled, some \
            stuck), about 1.5 % duplicate events (re-sends, overlapping re-exports), out-of-order lines, \
            about 0.01 % malformed lines (each exactly one reject) and, about every --pod-every event lines, \
            one proof-of-delivery line of 2–5 MB. About 4 kB per order: --orders 250000 gives about 1 GB.

            HoundExpress statuses 9001–9010 are a delivery partner's own codes, listed in the generated \
            status-map.csv: pass it with --status-map, or they count as UNKNOWN.

            The same arguments give byte-identical files on any machine. Memory stays small (about 40 MB) \
            whatever --orders and --repeat are. Then, for example (--as-of: the day after --end):

              shipkpi generate --orders 20000 --out exports
              shipkpi report exports --status-map exports/status-map.csv \\
                  --remittance exports/247express-remittance.csv \\
                  --as-of 2026-04-01 --out reports
            """)

    @Option(help: ArgumentHelp("Number of orders of both carriers together (1 to 50000000).", valueName: "n"))
    var orders: Int

    @Option(help: ArgumentHelp("Output directory (created if missing; the generated files in it are replaced).", valueName: "dir"))
    var out: String

    @Option(help: ArgumentHelp("Seed of the pseudo-random generator: the same seed gives the same files.", valueName: "n"))
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Length of the window in days (1 to 3650).", valueName: "n"))
    var days: Int = 60

    @Option(
        help: ArgumentHelp(
            "Last day of the window (yyyy-MM-dd, carrier-local). Default: 2026-03-31. Local times are written at +07:00 and -06:00, the carriers' offsets since late 2022 (Mexico had summer time before).",
            valueName: "date"))
    var end: String?

    @Option(
        name: .customLong("pod-every"),
        help: ArgumentHelp(
            "Write one multi-megabyte proof-of-delivery line about every N event lines (0 = never).", valueName: "n"))
    var podEvery: Int = 20_000

    @Option(
        name: .customLong("repeat"),
        help: ArgumentHelp(
            "Write the event files K times over (identical overlapping re-exports): K times the volume, the same orders and distinct events.",
            valueName: "k"))
    var repeatCount: Int = 1

    @Option(
        name: .customLong("malformed-per-million"),
        help: ArgumentHelp(
            "Malformed lines per million event lines (default 100 = 0.01 %).", valueName: "n", visibility: .hidden))
    var malformedPerMillion: Int = 100

    @Flag(name: [.customShort("q"), .long], help: "No summary line on stderr.")
    var quiet = false

    /// The generator's limits, named by the flags (the generator checks them again, in its words).
    func validate() throws {
        guard (1 ... 50_000_000).contains(orders) else { throw ValidationError("--orders must be between 1 and 50000000") }
        guard (1 ... 3650).contains(days) else { throw ValidationError("--days must be between 1 and 3650") }
        guard podEvery >= 0 else { throw ValidationError("--pod-every must be 0 (none) or more") }
        guard (1 ... 1000).contains(repeatCount) else { throw ValidationError("--repeat must be between 1 and 1000") }
    }

    func run() throws {
        signal(SIGXFSZ, SIG_IGN)  // a file-size limit must surface as a write error (exit 74)
        signal(SIGPIPE, SIG_IGN)
        do {
            var options = GeneratorOptions(orders: orders, outDir: out)
            options.seed = seed
            options.days = days
            options.podEvery = podEvery
            options.repeatCount = repeatCount
            options.malformedPerMillion = malformedPerMillion
            options.arguments = ["shipkpi"] + Array(CommandLine.arguments.dropFirst())
            if let end {
                guard let d = DateParsing.isoDate(end),
                    CivilDate.isValid(year: d.year, month: d.month, day: d.day), (1971 ... 9998).contains(d.year)
                else {
                    throw ShipKPIError.usage("--end expects a date as yyyy-MM-dd, got \"\(end)\"")
                }
                options.endDay = Int64(CivilDate.daysFromCivil(year: d.year, month: d.month, day: d.day))
            }
            let summary = try ExportGenerator(options: options).run()
            if !quiet {
                FileHandle.standardError.write(Data((summary.summaryLine + " -> \(out)\n").utf8))
            }
        } catch let error as ShipKPIError {
            FileHandle.standardError.write(Data("shipkpi: error: \(ErrorReport.message(for: error))\n".utf8))
            throw ExitCode(ErrorReport.exitCode(for: error))
        }
    }
}
