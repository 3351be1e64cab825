import Foundation
import ShipKPICore

/// The report formats `--format` chooses among.
package enum ReportFormat: String, Sendable, CaseIterable {
    case csv, xml, html
}
