import Foundation
import ShipKPICore

/// What a distributed run reads, decided once on the driver: the inputs in input order (the
/// index of each is its place in every input position), the remittance statements after them,
/// and the splits that map tasks read — a whole file, or a byte range of a plain NDJSON file.
package struct SplitPlan: Sendable, Codable {
    package struct Input: Sendable, Codable {
        package var index: Int32
        package var path: String
        /// `ndjson` or `json` (a whole document), as in run.json.
        package var kind: String
        package var gzip: Bool
        package var bytes: Int64
        /// On a file system this process cannot open (the Spark task fetches it and gives the
        /// map stage a local copy): one split, whatever its size.
        package var remote: Bool = false
    }

    package struct Split: Sendable, Codable {
        /// The split's place among all splits (input order, then byte order): the order their
        /// records are folded in.
        package var id: Int
        package var input: Int32
        /// A byte range of the input; nil = the whole input.
        package var start: Int64?
        package var end: Int64?
        /// A remittance statement (its index among the statements), not an export.
        package var remittance: Int?
    }

    package var formatVersion = Int(StageFile.formatVersion)
    /// The run's as-of instant (ISO-8601, UTC), decided once: every fold and the merge use it.
    package var asOf: String = ""
    package var inputs: [Input]
    package var remittances: [String]
    package var skipped: [Skipped]
    package var splits: [Split]

    package struct Skipped: Sendable, Codable {
        package var path: String
        package var reason: String
    }

    /// Inputs as the readers see them.
    package var inputFiles: [InputFile] {
        inputs.map { InputFile(path: $0.path, format: $0.kind == "json" ? .document : .lines, gzip: $0.gzip) }
    }

    /// Plans `discovered` plus `remittances`: plain NDJSON files larger than `splitBytes` are cut
    /// into ranges of about that size; every other input (gzip, `.json`, stdin) is one split.
    package init(
        discovered: DiscoveredInputs, remittances: [String], splitBytes: Int64, remote: Set<String> = [],
        remoteSizes: [String: Int64] = [:]
    ) throws {
        var inputs: [Input] = []
        var splits: [Split] = []
        for (i, file) in discovered.files.enumerated() {
            guard !file.isStdin else { throw ShipKPIError.usage("standard input cannot be read by a distributed run; name the files") }
            let isRemote = remote.contains(file.path)
            let size = isRemote ? remoteSizes[file.path] ?? 0 : (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int64) ?? 0
            inputs.append(
                Input(
                    index: Int32(i), path: file.path, kind: file.format == .document ? "json" : "ndjson", gzip: file.gzip,
                    bytes: size, remote: isRemote))
            if file.format == .lines && !file.gzip && !isRemote && size > splitBytes {
                var start: Int64 = 0
                while start < size {
                    let end = min(size, start + splitBytes)
                    splits.append(Split(id: splits.count, input: Int32(i), start: start, end: end, remittance: nil))
                    start = end
                }
            } else {
                splits.append(Split(id: splits.count, input: Int32(i), start: nil, end: nil, remittance: nil))
            }
        }
        for (j, _) in remittances.enumerated() {
            splits.append(Split(id: splits.count, input: Int32(inputs.count + j), start: nil, end: nil, remittance: j))
        }
        self.inputs = inputs
        self.remittances = remittances
        self.skipped = discovered.skipped.map { Skipped(path: $0.path, reason: $0.reason.rawValue) }
        self.splits = splits
    }

    package static func load(_ path: String) throws -> SplitPlan {
        guard let data = FileManager.default.contents(atPath: path) else { throw ShipKPIError.inputMissing("plan not found: \(path)") }
        let plan = try JSONDecoder().decode(SplitPlan.self, from: data)
        guard plan.formatVersion == Int(StageFile.formatVersion) else {
            throw ShipKPIError.usage("\(path): a plan of another format version (\(plan.formatVersion))")
        }
        return plan
    }

    package func json() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return Array(try encoder.encode(self)) + [0x0A]
    }

    /// Display paths of the inputs then the statements (as in rejects.ndjson).
    package var paths: [String] { inputs.map(\.path) + remittances }
}
