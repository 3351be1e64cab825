import Foundation
import ShipKPICore
import ShipKPIXML

/// The per-order rows of a distributed run: what the folds rendered, concatenated in order-key
/// range order (each range's rows are sorted, and the ranges follow each other).
package struct FragmentFiles: PerOrderSource, @unchecked Sendable {
    /// Each fold result's sections by tag; the files stay mapped (`storage`) while the report is
    /// written, and are only read.
    private let folds: [[UInt32: UnsafeRawBufferPointer]]
    private let storage: [MappedFile]

    package init(files: [MappedFile]) throws {
        storage = files
        var folds: [[UInt32: UnsafeRawBufferPointer]] = []
        for file in files {
            var sections: [UInt32: UnsafeRawBufferPointer] = [:]
            for (tag, payload) in try StageFile.sections(file.bytes, kind: .foldResult) { sections[tag] = payload }
            folds.append(sections)
        }
        self.folds = folds
    }

    /// Each fold's payload of `tag`, in range order.
    package func sections(_ tag: StageFile.Tag) -> [UnsafeRawBufferPointer] {
        folds.compactMap { $0[tag.rawValue] }
    }

    private func copy(_ tag: StageFile.Tag, to csv: inout CSVWriter, sink: CSVReports.Sink) throws {
        for bytes in sections(tag) {
            csv.appendRows(bytes)
            try sink(&csv)
        }
    }

    private func copy(_ tag: StageFile.Tag, to xml: XMLStreamWriter) throws {
        let parts = sections(tag).filter { $0.count > 0 }
        guard !parts.isEmpty else { return }
        xml.beginChildren()
        for bytes in parts { try xml.raw(bytes) }
    }

    package func writeOrdersCSV(_ csv: inout CSVWriter, sink: CSVReports.Sink) throws { try copy(.ordersCSV, to: &csv, sink: sink) }
    package func writeCODCSV(_ csv: inout CSVWriter, sink: CSVReports.Sink) throws { try copy(.codCSV, to: &csv, sink: sink) }
    package func writeChecksCSV(_ csv: inout CSVWriter, sink: CSVReports.Sink) throws { try copy(.checksCSV, to: &csv, sink: sink) }
    package func writeOrdersXML(_ xml: XMLStreamWriter) throws { try copy(.ordersXML, to: xml) }
    package func writeCODXML(_ xml: XMLStreamWriter) throws { try copy(.codXML, to: xml) }
    package func writeChecksXML(_ xml: XMLStreamWriter) throws { try copy(.checksXML, to: xml) }
}
