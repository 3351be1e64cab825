import ShipKPICore
import ShipKPIXML

/// The per-order rows of a report (`orders.csv`, `cod_reconciliation.csv`, `order_checks.csv`
/// and their sections of report.xml), in report order. Either computed in this process from the
/// fold's state (``FoldedRows``), or rendered by folds in other processes and concatenated in
/// order-key order (``FragmentFiles``): the same renderers produce both, so the bytes are the same.
package protocol PerOrderSource: Sendable {
    func writeOrdersCSV(_ csv: inout CSVWriter, sink: CSVReports.Sink) throws
    func writeCODCSV(_ csv: inout CSVWriter, sink: CSVReports.Sink) throws
    func writeChecksCSV(_ csv: inout CSVWriter, sink: CSVReports.Sink) throws
    /// The rows of each section, into `xml` whose section element (`orders`, `rows`,
    /// `orderChecks`) is open and has no child yet.
    func writeOrdersXML(_ xml: XMLStreamWriter) throws
    func writeCODXML(_ xml: XMLStreamWriter) throws
    func writeChecksXML(_ xml: XMLStreamWriter) throws
}
