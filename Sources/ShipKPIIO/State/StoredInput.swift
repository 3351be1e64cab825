import Foundation
import ShipKPICore

/// One input's state file, checked when it is opened (format version, kind, checksum, meta) and
/// replayed later, in the order its batches were mapped, as if the input were read again.
///
/// Checking reads the whole file; the mapping is then dropped and made again for the replay, so
/// a run holds the pages of one state file at a time (the state directory's lock keeps the file
/// as it was checked).
package final class StoredInput {
    package let meta: InputStateMeta
    package let path: String
    /// Bytes of the state file.
    package let size: Int

    /// Throws ``StageFile/Failure`` for a damaged, truncated or foreign file, `DecodingError`
    /// for an unreadable meta.
    package init(path: String) throws {
        self.path = path
        let file = try MappedFile(path: path)
        size = file.bytes.count
        var meta: InputStateMeta?
        _ = try Self.batches(file, checksum: true) { payload in
            meta = try JSONDecoder().decode(InputStateMeta.self, from: Data(payload))
        }
        guard let meta else { throw StageFile.Failure.malformed }
        self.meta = meta
    }

    /// The `records` and `rejects` payloads, one pair per mapped batch; `meta` sees the meta section.
    private static func batches(
        _ file: MappedFile, checksum: Bool, meta: (UnsafeRawBufferPointer) throws -> Void
    )
        throws -> [(records: UnsafeRawBufferPointer, rejects: UnsafeRawBufferPointer)]
    {
        var batches: [(UnsafeRawBufferPointer, UnsafeRawBufferPointer)] = []
        var pending: UnsafeRawBufferPointer?
        for (tag, payload) in try StageFile.sections(file.bytes, kind: .inputState, checksum: checksum) {
            switch StageFile.Tag(rawValue: tag) {
            case .records:
                guard pending == nil else { throw StageFile.Failure.malformed }
                pending = payload
            case .rejects:
                guard let records = pending else { throw StageFile.Failure.malformed }
                batches.append((records, payload))
                pending = nil
            case .meta:
                try meta(payload)
            default:
                throw StageFile.Failure.malformed
            }
        }
        guard pending == nil else { throw StageFile.Failure.malformed }
        return batches
    }

    /// Hands every batch over, in order, as input number `index` of this run (positions and
    /// reject sources renumbered; everything else as it was mapped).
    package func replay(as index: Int32, carriers: Int, emit: (inout EventBatch) throws -> Void) throws {
        let file = try MappedFile(path: path)
        for (records, rejects) in try Self.batches(file, checksum: false, meta: { _ in }) {
            var batch = try StageCodec.decodeBatch(records, carriers: carriers)
            batch.rejects = try StageCodec.decodeRejects(rejects)
            for i in batch.events.indices { batch.events[i].position.input = index }
            for i in batch.orders.indices { batch.orders[i].position.input = index }
            for i in batch.rejects.indices { batch.rejects[i].source.file = index }
            try emit(&batch)
        }
    }
}
