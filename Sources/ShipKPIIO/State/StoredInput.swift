import Foundation
import ShipKPICore

/// One input's state file, mapped into memory and checked (format version, kind, checksum, meta):
/// its records replayed in the order they were mapped, as if the input were read again.
package final class StoredInput {
    package let meta: InputStateMeta
    private let file: MappedFile
    /// `records` and `rejects` payloads, one pair per mapped batch.
    private let batches: [(records: UnsafeRawBufferPointer, rejects: UnsafeRawBufferPointer)]

    /// Throws ``StageFile/Failure`` for a damaged, truncated or foreign file, `DecodingError`
    /// for an unreadable meta.
    package init(path: String) throws {
        file = try MappedFile(path: path)
        var meta: InputStateMeta?
        var batches: [(UnsafeRawBufferPointer, UnsafeRawBufferPointer)] = []
        var pending: UnsafeRawBufferPointer?
        for (tag, payload) in try StageFile.sections(file.bytes, kind: .inputState) {
            switch StageFile.Tag(rawValue: tag) {
            case .records:
                guard pending == nil else { throw StageFile.Failure.malformed }
                pending = payload
            case .rejects:
                guard let records = pending else { throw StageFile.Failure.malformed }
                batches.append((records, payload))
                pending = nil
            case .meta:
                meta = try JSONDecoder().decode(InputStateMeta.self, from: Data(payload))
            default:
                throw StageFile.Failure.malformed
            }
        }
        guard let meta, pending == nil else { throw StageFile.Failure.malformed }
        self.meta = meta
        self.batches = batches
    }

    /// Hands every batch over, in order, as input number `index` of this run (positions and
    /// reject sources renumbered; everything else as it was mapped).
    package func replay(as index: Int32, carriers: Int, emit: (inout EventBatch) throws -> Void) throws {
        for (records, rejects) in batches {
            var batch = try StageCodec.decodeBatch(records, carriers: carriers)
            batch.rejects = try StageCodec.decodeRejects(rejects)
            for i in batch.events.indices { batch.events[i].position.input = index }
            for i in batch.orders.indices { batch.orders[i].position.input = index }
            for i in batch.rejects.indices { batch.rejects[i].source.file = index }
            try emit(&batch)
        }
    }

    /// Bytes of the state file.
    package var size: Int { file.bytes.count }
}
