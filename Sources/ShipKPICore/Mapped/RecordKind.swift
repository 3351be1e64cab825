/// Record kinds counted in run.json.
package enum RecordKind: String, Sendable, CaseIterable, Codable {
    case event247 = "247express_status_event"
    case statusLogItem247 = "247express_status_log_item"
    case order247 = "247express_order"
    case houndStatus = "houndexpress_status_event"
    case houndWebhook = "houndexpress_webhook"

    /// Index in `allCases` (the layout of ``BatchCounters/records``).
    package var index: Int {
        switch self {
        case .event247: 0
        case .statusLogItem247: 1
        case .order247: 2
        case .houndStatus: 3
        case .houndWebhook: 4
        }
    }
}
