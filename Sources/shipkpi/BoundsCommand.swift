import ArgumentParser
import Foundation
import ShipKPICore
import ShipKPIIO
import Glibc

struct BoundsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bounds",
        abstract: "Stage 2: cut the order-key space into ranges of about equal size, from the splits' samples.")

    @Option(help: ArgumentHelp("Number of order-key ranges (fold partitions).", valueName: "n"))
    var partitions: Int

    @Option(help: ArgumentHelp("Bounds file to write ('-' for standard output).", valueName: "file"))
    var out: String = "-"

    @Argument(help: ArgumentHelp("Meta files of every split.", valueName: "meta"))
    var metas: [String] = []

    func run() throws {
        try runStage {
            guard partitions >= 1 else { throw ShipKPIError.usage("--partitions must be at least 1") }
            var samples: [StageCodec.OrderKey] = []
            for path in metas {
                let file = try MappedFile(path: path)
                samples += try StageCommands.readMeta(file.bytes, carriers: CarrierRegistry.standard.carriers).sample
            }
            var w = StageFile.Writer(kind: .partitioned)
            w.section(.keySample, StageCodec.encodeKeys(StageCommands.bounds(samples: samples, partitions: partitions)))
            try writeOutput(w.finish(), to: out)
        }
    }
}
