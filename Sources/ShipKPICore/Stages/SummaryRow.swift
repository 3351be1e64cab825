/// One row of `summary.csv` or of a breakdown: the KPIs of a group of orders.
package struct SummaryRow: Sendable {
    package var scope: CarrierScope
    /// The breakdown group (province, service, courier); nil for summary rows.
    package var group: String?
    package var kpis: SummaryKPIs
}
