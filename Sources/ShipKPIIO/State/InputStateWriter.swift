import Foundation
import ShipKPICore

/// Collects one input's mapped batches, with their rejects, while the input is read, into the
/// stage file kept for it (``StageFile/Kind/inputState``): a `records` section and a `rejects`
/// section per batch, in order, and the meta section last. The records are those of the map
/// stage (line numbers already made absolute), so replaying them gives the fold exactly what
/// reading the input gave it.
package struct InputStateWriter {
    package let input: InputFile
    package let index: Int32
    private var file = StageFile.Writer(kind: .inputState)
    private(set) var records: Int64 = 0
    private(set) var rejects: Int64 = 0

    package init(input: InputFile, index: Int32) {
        self.input = input
        self.index = index
    }

    package mutating func add(_ batch: EventBatch) {
        file.section(.records, StageCodec.encodeBatch(batch))
        file.section(.rejects, StageCodec.encodeRejects(batch.rejects))
        records += batch.counters.totalRecords
        rejects += Int64(batch.rejects.count)
    }

    /// The finished file.
    package mutating func finish(meta: InputStateMeta) throws -> [UInt8] {
        file.section(.meta, try StageCommands.json(meta))
        return file.finish()
    }
}
