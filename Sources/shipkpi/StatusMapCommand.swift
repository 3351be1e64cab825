import ArgumentParser
import Foundation
import ShipKPIIO

struct StatusMapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status-map",
        abstract: "Print the status map in effect (the shipped map, extended by --status-map files) as CSV.",
        discussion: "Save it, edit it (add your carrier's codes), and pass it back with --status-map.")

    @Option(name: .customLong("status-map"), help: ArgumentHelp("Status-map CSV files to apply on top of the shipped map.", valueName: "file"))
    var statusMaps: [String] = []

    func run() throws {
        do {
            let map = try StatusMapLoader.load(registry: .standard, extraFiles: statusMaps)
            FileHandle.standardOutput.write(Data(StatusMapLoader.csv(map, registry: .standard).utf8))
        } catch let error as ShipKPIError {
            FileHandle.standardError.write(Data("shipkpi: error: \(ErrorReport.message(for: error))\n".utf8))
            throw ExitCode(ErrorReport.exitCode(for: error))
        }
    }
}
