import ArgumentParser
import Foundation
import ShipKPICore
import ShipKPIIO
import Glibc

struct PartitionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partition",
        abstract: "Stage 3: cut a records file into one file per order-key range.",
        discussion: """
            Writes, for every range that gets records: the range's index (u32, little-endian), \
            the file's length (u64) and the file.
            """)

    @Option(help: ArgumentHelp("Bounds file (from shipkpi bounds).", valueName: "file"))
    var bounds: String

    @Option(name: .customLong("in"), help: ArgumentHelp("Records file ('-' for standard input).", valueName: "file"))
    var input: String = "-"

    @Option(help: ArgumentHelp("Where to write ('-' for standard output).", valueName: "file"))
    var out: String = "-"

    func run() throws {
        try runStage {
            let boundsFile = try readInput(bounds)
            let keys = try boundsFile.withUnsafeBytes { raw -> [StageCodec.OrderKey] in
                let sections = try StageFile.sections(raw, kind: .partitioned)
                guard let section = sections.first(where: { $0.tag == StageFile.Tag.keySample.rawValue }) else { throw StageFile.Failure.malformed }
                return try StageCodec.decodeKeys(section.payload, carriers: CarrierRegistry.standard.carriers.count)
            }
            let records = try readInput(input)
            var output: [UInt8] = []
            for (p, file) in try records.withUnsafeBytes({ try StageCommands.partition(records: $0, bounds: keys, carriers: CarrierRegistry.standard.carriers) }
            ) {
                withUnsafeBytes(of: UInt32(p).littleEndian) { output += $0 }
                withUnsafeBytes(of: UInt64(file.count).littleEndian) { output += $0 }
                output += file
            }
            try writeOutput(output, to: out)
        }
    }
}
