/// Stable reject reason codes, as written in rejects.ndjson.
package enum RejectReason: String, Sendable, CaseIterable, Comparable, Codable {
    case invalidJSON = "invalid_json"
    case invalidUTF8 = "invalid_utf8"
    case unknownShape = "unknown_shape"
    case missingOrderCode = "missing_order_code"
    case missingStatus = "missing_status"
    case tooDeep = "too_deep"
    case lineTooLong = "line_too_long"
    case truncated = "truncated"
    case corruptGzip = "corrupt_gzip"
    case untrustedAPIKey = "untrusted_api_key"
    case duplicateKey = "duplicate_key"
    case invalidCSV = "invalid_csv"
    case invalidAmount = "invalid_amount"
    case ambiguousAmount = "ambiguous_amount"
    case invalidDate = "invalid_date"
    case readError = "read_error"

    package static func < (a: RejectReason, b: RejectReason) -> Bool { a.rawValue < b.rawValue }
}
