import Foundation
import ShipKPICore

/// The map stage over files in this process: every input through the parallel pipeline (line
/// numbers made absolute), then every remittance statement, each mapped batch handed over in
/// input order. What `report`, `normalize` and the tests that read files share.
package struct FileMap {
    package var inputs: [InputFile]
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
    /// statement); `progress`, when given, can poll the raw bytes consumed so far.
    package func run(progress: ((Pipeline) -> Void)? = nil, emit: (WorkUnit?, EventBatch) throws -> Void) throws -> Read {
        let pipeline = Pipeline(inputs: inputs, options: options, threads: threads, chunkSize: chunkSize, maxLineBytes: maxLineBytes)
        progress?(pipeline)
        var numbering = LineNumbering()
        let reports = try pipeline.run { unit, batch in
            numbering.resolve(unit, in: &batch)
            try emit(unit, batch)
        }
        // Remittance statements come after the exports: their rejects follow the exports' in
        // rejects.ndjson, and their rows reach the fold like any mapped record.
        var statements: [InputReport] = []
        for (i, path) in remittanceFiles.enumerated() {
            let loaded = try RemittanceLoader.load(path: path, fileIndex: Int32(i), rejectFileIndex: Int32(inputs.count + i),
                                                   carrier: try options.remittanceCarrier(), columns: remittanceColumns)
            var batch = EventBatch()
            batch.remittances = loaded.rows
            batch.rejects = loaded.rejects
            batch.counters.remittanceRows = Int64(loaded.rows.count)
            try emit(nil, batch)
            statements.append(InputReport(path: path, bytes: loaded.bytes, sha256: loaded.sha256, decompressedBytes: loaded.bytes))
        }
        return Read(inputs: reports, remittances: statements)
    }
}
