import ShipKPICore
import ShipKPIXML

/// `report.html` (SPEC §7): one self-contained page for operations analysts and finance — inline
/// CSS, inline SVG charts, no scripts, no external fetches, readable on a desktop screen, on a
/// phone (a responsive layout, see ``HTMLReportPage/css``) and on paper.
///
/// Built as a libxml2 HTML tree through ``HTMLDocument``: every value that came from input (order
/// codes, reason labels, couriers, provinces, paths…) is a text node or an attribute value, so it
/// is escaped and sanitised and can never become markup. Charts are SVG elements in the same tree.
///
/// The page holds only aggregated tables plus capped lists (``listLimit`` rows: orders that need
/// action, COD exceptions, order-check findings, breakdown groups), so its size does not grow with
/// the number of orders; the CSV files hold every row. The same ``ReportTables`` always give the
/// same bytes: nothing depends on the clock, and nothing is taken in dictionary order.
package struct HTMLReport {
    package let report: ReportTables
    /// Display paths of the inputs, then of the remittance files (as in rejects.ndjson).
    package let paths: [String]
    package let registry: CarrierRegistry

    /// Rows shown at most in each long list; the note under the list gives the total.
    package static let listLimit = 200

    package init(content: ReportContent) {
        self.report = content.tables
        self.paths = content.paths
        self.registry = content.registry
    }

    /// The page as UTF-8 bytes.
    package func bytes() throws -> [UInt8] {
        try HTMLReportPage(report: report, paths: paths, registry: registry).build().serialize()
    }

    /// Writes the page to `path` (created or truncated).
    package func write(to path: String) throws {
        try HTMLReportPage(report: report, paths: paths, registry: registry).build().write(to: path)
    }
}
