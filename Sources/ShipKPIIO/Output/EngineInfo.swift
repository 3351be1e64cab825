import Foundation
import ShipKPICore

/// Which engine computed a report: this process (`native`), or Spark with its fold partitions.
package struct EngineInfo: Sendable {
    package var name: String
    package var partitions: Int?

    package static let native = EngineInfo(name: "native", partitions: nil)

    package init(name: String, partitions: Int?) {
        self.name = name
        self.partitions = partitions
    }
}
