import Foundation
import Logging
import ShipKPIIO

/// Log output format (`--log-format`).
enum LogFormat: String, Sendable, CaseIterable {
    case text, json
}
