import ShipKPICore
import ShipKPIXML

/// report.xml's `<orders>` section — its largest part — written by two lanes: the XML lane writes
/// chunks of orders in order, straight into the document, while the other lane, once its own
/// files are written, renders chunks from the last one backwards into fragments (at the same
/// depth, see ``XMLStreamWriter/fragment(depth:)``); the XML lane splices each fragment in when
/// it reaches it. They meet somewhere in the middle, so the two lanes end at about the same time.
/// The bytes are those of one writer writing every order (fragments and direct rows are the
/// same rows through the same renderer, as the distributed merge relies on).
///
/// Only for one fold's rows (a run in this process); the rest of the per-order sections are
/// written as ``FoldedRows`` writes them.
package final class SharedOrdersXML: PerOrderSource, @unchecked Sendable {
    private let rows: FoldedRows
    private let fold: FoldResult
    private let chunks: [Range<Int>]
    private let monitor = Monitor()
    private var states: [State]

    private enum State {
        case pending
        case direct
        case rendering
        case rendered([UInt8])
        case failed(Error)
    }

    /// Orders per chunk: small enough that the lanes meet close to the middle, large enough that
    /// a chunk costs more than its hand-over.
    package static let chunkSize = 16_384

    /// Nil unless `rows` holds exactly one fold (what the writers of a run in this process get).
    package init?(_ rows: FoldedRows, chunkSize: Int = SharedOrdersXML.chunkSize) {
        guard rows.folds.count == 1 else { return nil }
        self.rows = rows
        fold = rows.folds[0]
        let count = fold.orders.count
        chunks = stride(from: 0, to: count, by: chunkSize).map { $0 ..< min($0 + chunkSize, count) }
        states = Array(repeating: .pending, count: chunks.count)
    }

    private func render(_ chunk: Range<Int>, to xml: XMLStreamWriter) throws {
        for i in chunk {
            let row = fold.orders[i]
            try PerOrderXML.order(row, in: fold.orders, carriers: rows.carriers, currency: rows.currencies[row.carrier], to: xml)
        }
    }

    /// The XML lane: every chunk in order, written directly or spliced in when the other lane
    /// rendered it (waiting for one being rendered).
    package func writeOrdersXML(_ xml: XMLStreamWriter) throws {
        for i in chunks.indices {
            let fragment: [UInt8]? = try monitor.locked {
                while true {
                    switch states[i] {
                    case .pending:
                        states[i] = .direct
                        return nil
                    case .rendering:
                        monitor.wait()
                    case .rendered(let bytes):
                        states[i] = .direct
                        return bytes
                    case .failed(let error):
                        throw error
                    case .direct:
                        return nil
                    }
                }
            }
            if let fragment {
                xml.beginChildren()
                try fragment.withUnsafeBytes { try xml.raw($0) }
            } else {
                try render(chunks[i], to: xml)
            }
        }
    }

    /// The other lane, when its own work is done: renders chunks from the last one backwards
    /// until it meets the XML lane.
    package func renderAhead() {
        for i in chunks.indices.reversed() {
            let mine: Bool = monitor.locked {
                guard case .pending = states[i] else { return false }
                states[i] = .rendering
                return true
            }
            guard mine else { return }
            let state: State
            do {
                let writer = try XMLStreamWriter.fragment(depth: PerOrderXML.ordersDepth)
                try render(chunks[i], to: writer)
                state = .rendered(try writer.bytes())
            } catch {
                state = .failed(error)
            }
            monitor.locked {
                states[i] = state
                monitor.broadcast()
            }
        }
    }

    package func writeOrdersCSV(_ csv: inout CSVWriter, sink: CSVReports.Sink) throws { try rows.writeOrdersCSV(&csv, sink: sink) }
    package func writeCODCSV(_ csv: inout CSVWriter, sink: CSVReports.Sink) throws { try rows.writeCODCSV(&csv, sink: sink) }
    package func writeChecksCSV(_ csv: inout CSVWriter, sink: CSVReports.Sink) throws { try rows.writeChecksCSV(&csv, sink: sink) }
    package func writeCODXML(_ xml: XMLStreamWriter) throws { try rows.writeCODXML(xml) }
    package func writeChecksXML(_ xml: XMLStreamWriter) throws { try rows.writeChecksXML(xml) }
}
