import Foundation
import ShipKPICore
import ShipKPIIO
import Glibc

/// Per-file counts of a generation run.
package struct GeneratedFile: Sendable {
    package var name: String
    package var lines: Int64
    package var bytes: Int64
}
