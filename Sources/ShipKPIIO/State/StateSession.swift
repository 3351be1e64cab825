import Foundation
import Logging
import ShipKPICore

/// One run's use of the state directory: which inputs are replayed and which are read, the
/// replay of stored inputs in their place in the input order, and the state files of the inputs
/// that were read.
///
/// Records must reach the fold in input order (positions never interleave), so a stored input
/// is replayed just before the first batch of the next input that is read, or at the end.
package final class StateSession {
    private let store: StateStore
    private let inputs: [InputFile]
    private let carriers: Int
    private var stored: [Int: StoredInput] = [:]
    /// Positions (in the run's inputs) of the inputs to read, in order.
    package let toRead: [Int]
    private var nextReplay = 0
    private var writer: InputStateWriter?

    package init(store: StateStore, inputs: [InputFile], verify: Bool, carriers: Int, logger: Logger) {
        self.store = store
        self.inputs = inputs
        self.carriers = carriers
        var toRead: [Int] = []
        for (i, input) in inputs.enumerated() {
            switch store.decide(input, verify: verify) {
            case .reuse(let input):
                stored[i] = input
            case .read(let warning):
                if let warning { logger.warning("\(warning)", metadata: ["path": .string(input.path)]) }
                toRead.append(i)
            }
        }
        self.toRead = toRead
    }

    /// Inputs replayed from the state.
    package var reusedCount: Int { stored.count }

    /// What run.json says of a replayed input, nil when it is read.
    package func report(ofReused i: Int) -> InputReport? {
        guard let meta = stored[i]?.meta else { return nil }
        var report = InputReport(path: inputs[i].path, bytes: meta.bytes, digest: meta.digest, decompressedBytes: meta.decompressedBytes)
        report.reused = true
        return report
    }

    /// When every line of a replayed input was rejected: what the input probably is.
    package func allRejectedCause(ofReused i: Int) -> String? { stored[i]?.meta.allRejectedCause }

    /// Replays, in order, every stored input before position `limit` not yet replayed.
    package func replay(upTo limit: Int, _ take: (Int, inout EventBatch) throws -> Void) throws {
        while nextReplay < min(limit, inputs.count) {
            let i = nextReplay
            nextReplay += 1
            try stored[i]?.replay(as: Int32(i), carriers: carriers) { batch in try take(i, &batch) }
        }
    }

    /// Keeps a batch of the input read at position `i` for its state file.
    package func keep(_ batch: EventBatch, of i: Int) {
        if writer?.index != Int32(i) { writer = InputStateWriter(input: inputs[i], index: Int32(i)) }
        writer?.add(batch)
    }

    /// The input at position `i` was read completely: its state file is written (inputs whose
    /// identity cannot be taken, such as stdin, are not kept).
    package func finished(_ i: Int, report: InputReport, allRejectedCause: String?) throws {
        let input = inputs[i]
        var finished = writer?.index == Int32(i) ? writer! : InputStateWriter(input: input, index: Int32(i))
        writer = nil
        guard !input.isStdin, let absolute = StateStore.absolutePath(input.path), let identity = InputIdentity(path: input.path),
            identity.size == report.bytes
        else { return }
        let meta = InputStateMeta(
            path: input.path, absolutePath: absolute, identity: identity, digest: report.digest, bytes: report.bytes,
            decompressedBytes: report.decompressedBytes, stateKey: store.key.digest,
            mappedAt: InstantFormat.utcString(Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))),
            records: finished.records, rejects: finished.rejects, allRejectedCause: allRejectedCause)
        try store.store(try finished.finish(meta: meta), absolutePath: absolute)
    }
}
