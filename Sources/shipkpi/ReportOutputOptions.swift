import ArgumentParser
import Foundation
import ShipKPICore
import ShipKPIIO

/// Where the reports go and in which formats (`report`, `merge`; the other stages accept and
/// ignore them, so a driver can give every stage the same arguments).
struct ReportOutputOptions: ParsableArguments {
    @Flag(name: .customLong("publish-on-failure"), help: "Replace the previous reports even when a gate fails (the exit code is still 65).")
    var publishOnFailure = false

    @Option(help: ArgumentHelp("Output directory (created if missing).", valueName: "dir"))
    var out = "reports"

    @Option(
        name: .customLong("format"), parsing: .upToNextOption,
        help: ArgumentHelp(
            "Report formats to write: csv, xml, html (several allowed, repeated or comma-separated: --format csv,xml; default all). rejects.ndjson and run.json are always written.",
            valueName: "format"))
    var formats: [ReportFormatList] = []

    func apply(to config: inout RunConfiguration) {
        if publishOnFailure { config.gates.publishOnFailure = true }
        config.outDir = out
        if !formats.isEmpty { config.formats = Set(formats.flatMap(\.formats)) }
    }
}
