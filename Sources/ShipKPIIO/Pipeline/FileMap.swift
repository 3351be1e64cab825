import Foundation
import ShipKPICore

/// The map stage over files in this process: every input through the parallel pipeline (line
/// numbers made absolute), then every remittance statement, each mapped batch handed over in
/// input order. What `report`, `normalize` and the tests that read files share.
package struct FileMap {
    package var inputs: [InputFile]
    /// Each input's number in the run, when `inputs` are only some of the run's inputs (the
    /// others replayed from the state directory); by default their positions in `inputs`.
    package var indices: [Int32]?
    /// The number of the run's inputs (the remittance statements' rejects are numbered after
    /// them); by default `inputs.count`.
    package var runInputCount: Int?
    package var remittanceFiles: [String] = []
    package var remittanceColumns = RemittanceColumns()
    package var options: DecodeOptions
    package var threads: Int
    package var maxLineBytes: Int
    package var chunkSize = 2 << 20

    package init(inputs: [InputFile], options: DecodeOptions, threads: Int, maxLineBytes: Int) {
        self.inputs = inputs
        self.options = options
        self.threads = threads
        self.maxLineBytes = maxLineBytes
    }

    /// What was read of each input and statement (size, SHA-256), in order.
    package struct Read: Sendable {
        package var inputs: [InputReport]
        package var remittances: [InputReport]
    }

    /// Maps everything. `emit` gets each batch with the unit it came from (nil for a remittance
    /// statement); `inputDone`, when given, is told (after the input's last batch, in order) that
    /// an input was read completely, with what was read of it (its position in `inputs` and its
    /// report); `progress`, when given, can poll the raw bytes consumed so far.
    package func run(
        progress: ((Pipeline) -> Void)? = nil, inputDone: ((Int, InputReport) throws -> Void)? = nil,
        emit: (WorkUnit?, EventBatch) throws -> Void
    ) throws -> Read {
        let indices = self.indices ?? inputs.indices.map { Int32($0) }
        let pipeline = Pipeline(
            inputs: inputs, indices: indices, options: options, threads: threads, chunkSize: chunkSize,
            maxLineBytes: maxLineBytes)
        progress?(pipeline)
        var numbering = LineNumbering()
        var notified = 0  // inputs whose `inputDone` was called
        let positions = Dictionary(uniqueKeysWithValues: indices.enumerated().map { ($0.element, $0.offset) })
        func finished(before position: Int, reports: [InputReport]) throws {
            while notified < position && notified < reports.count {
                try inputDone?(notified, reports[notified])
                notified += 1
            }
        }
        let reports = try pipeline.run { unit, batch in
            if inputDone != nil, let position = positions[unit.fileIndex], position > notified {
                try finished(before: position, reports: pipeline.finishedReports)
            }
            numbering.resolve(unit, in: &batch)
            try emit(unit, batch)
        }
        try finished(before: inputs.count, reports: reports)
        // Remittance statements come after the exports: their rejects follow the exports' in
        // rejects.ndjson, and their rows reach the fold like any mapped record.
        var statements: [InputReport] = []
        for (i, path) in remittanceFiles.enumerated() {
            let loaded = try RemittanceLoader.load(
                path: path, fileIndex: Int32(i), rejectFileIndex: Int32((runInputCount ?? inputs.count) + i),
                carrier: try options.remittanceCarrier(), columns: remittanceColumns, hash: options.hash)
            var batch = EventBatch()
            batch.remittances = loaded.rows
            batch.rejects = loaded.rejects
            batch.counters.remittanceRows = Int64(loaded.rows.count)
            try emit(nil, batch)
            statements.append(InputReport(path: path, bytes: loaded.bytes, digest: loaded.digest, decompressedBytes: loaded.bytes))
        }
        return Read(inputs: reports, remittances: statements)
    }
}
