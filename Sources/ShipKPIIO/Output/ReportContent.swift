import ShipKPICore
import ShipKPIXML

/// A computed report, as the writers render it: the merged tables, the per-order rows, and the
/// display paths of the inputs.
package struct ReportContent: Sendable {
    /// The run's carriers (ids, names, chart styles).
    package var registry: CarrierRegistry
    package var tables: ReportTables
    package var perOrder: any PerOrderSource
    /// Display paths of the inputs, then of the remittance files (as in rejects.ndjson).
    package var paths: [String]
    /// Display paths of the remittance files (`cod_reconciliation.csv`'s `remittance_file`).
    package var remittancePaths: [String]

    package init(
        registry: CarrierRegistry, tables: ReportTables, perOrder: any PerOrderSource, paths: [String],
        remittancePaths: [String]
    ) {
        self.registry = registry
        self.tables = tables
        self.perOrder = perOrder
        self.paths = paths
        self.remittancePaths = remittancePaths
    }
}
