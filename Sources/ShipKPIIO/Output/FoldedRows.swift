import ShipKPICore
import ShipKPIXML

/// The per-order rows of folds in this process, computed from their state. Several folds (in
/// order-key ranges, each sorted) are written one after the other.
package struct FoldedRows: PerOrderSource {
    package let folds: [FoldResult]
    package let carriers: Carriers
    package let currencies: PerCarrier<String>
    package let remittancePaths: [String]

    package init(folds: [FoldResult], carriers: Carriers, currencies: PerCarrier<String>, remittancePaths: [String]) {
        self.folds = folds
        self.carriers = carriers
        self.currencies = currencies
        self.remittancePaths = remittancePaths
    }

    package func writeOrdersCSV(_ csv: inout CSVWriter, sink: CSVReports.Sink) throws {
        for fold in folds {
            for row in fold.orders {
                PerOrderCSV.order(row, in: fold.orders, carriers: carriers, currency: currencies[row.carrier], to: &csv)
                try sink(&csv)
            }
        }
    }

    package func writeCODCSV(_ csv: inout CSVWriter, sink: CSVReports.Sink) throws {
        for fold in folds {
            for row in fold.cod {
                PerOrderCSV.cod(row, carriers: carriers, remittancePaths: remittancePaths, to: &csv)
                try sink(&csv)
            }
        }
    }

    package func writeChecksCSV(_ csv: inout CSVWriter, sink: CSVReports.Sink) throws {
        for fold in folds {
            for row in fold.checks {
                PerOrderCSV.check(row, carriers: carriers, to: &csv)
                try sink(&csv)
            }
        }
    }

    package func writeOrdersXML(_ xml: XMLStreamWriter) throws {
        for fold in folds {
            for row in fold.orders { try PerOrderXML.order(row, in: fold.orders, carriers: carriers, currency: currencies[row.carrier], to: xml) }
        }
    }

    package func writeCODXML(_ xml: XMLStreamWriter) throws {
        for fold in folds { for row in fold.cod { try PerOrderXML.cod(row, carriers: carriers, to: xml) } }
    }

    package func writeChecksXML(_ xml: XMLStreamWriter) throws {
        for fold in folds { for row in fold.checks { try PerOrderXML.check(row, carriers: carriers, to: xml) } }
    }
}
