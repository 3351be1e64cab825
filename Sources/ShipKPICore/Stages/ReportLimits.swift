/// Caps of the report's lists (the HTML page shows at most this many rows of a list; the CSV
/// files have them all).
package enum ReportLimits {
    package static let listRows = 200
}
