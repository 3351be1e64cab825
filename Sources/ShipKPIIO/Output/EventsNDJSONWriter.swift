import ShipKPICore

/// Streams the accepted events as NDJSON (`normalize --format ndjson`): one object per event with
/// the `events.csv` columns as keys; absent values are `null`, counts are numbers.
package final class EventsNDJSONWriter {
    private let file: OutputFile
    private let paths: [String]
    private let carriers: Carriers
    private var firstLabels: [Carrier: [String: String]] = [:]

    package init(file: OutputFile, paths: [String], carriers: Carriers) {
        self.file = file
        self.carriers = carriers
        self.paths = paths
    }

    package func write(_ e: NormalizedEvent, _ batch: EventBatch) throws {
        var label: String?
        if e.flags.contains(.hasReason) && !e.flags.contains(.reasonLabelFromMap) {
            let code = batch.string(e.reasonCode)
            label = firstLabels[e.carrier, default: [:]][code] ?? {
                let own = batch.string(e.reasonLabel)
                firstLabels[e.carrier, default: [:]][code] = own
                return own
            }()
        }
        try file.append { out in
            batch.arena.withUnsafeBytes { arena in
                func text(_ r: ByteRange) -> UnsafeRawBufferPointer {
                    UnsafeRawBufferPointer(rebasing: arena[Int(r.offset) ..< Int(r.offset + r.count)])
                }
                func key(_ k: String, first: Bool = false) {
                    out += Array(((first ? "{\"" : ",\"") + k + "\":").utf8)
                }
                func string(_ k: String, _ r: ByteRange) {
                    key(k)
                    if r.isEmpty { out += Array("null".utf8) } else { JSONText.appendString(text(r), to: &out) }
                }
                key("carrier", first: true); JSONText.appendString(carriers[e.carrier].id, to: &out)
                string("order_code", e.orderCode)
                string("event_id", e.eventID)
                key("canonical_status"); JSONText.appendString(e.status.name, to: &out)
                string("status_code", e.statusCode)
                string("status_name", e.statusName)
                key("event_at_utc"); out.append(0x22); InstantFormat.appendUTC(e.instant, to: &out); out.append(0x22)
                key("event_at_local"); out.append(0x22)
                InstantFormat.appendLocal(e.instant, offsetSeconds: Int(e.localOffsetSeconds), to: &out); out.append(0x22)
                key("local_date"); out.append(0x22); InstantFormat.appendDate(dayNumber: Int(e.localDay), to: &out); out.append(0x22)
                key("date_source"); JSONText.appendString(e.dateSource.name, to: &out)
                if e.flags.contains(.hasReason) {
                    string("reason_code", e.reasonCode)
                    if let label { key("reason_label"); JSONText.appendString(label, to: &out) } else { string("reason_label", e.reasonLabel) }
                    key("reason_category"); JSONText.appendString(e.reasonCategory.name, to: &out)
                    key("reason_party"); JSONText.appendString(e.reasonParty.name, to: &out)
                } else {
                    for k in ["reason_code", "reason_label", "reason_category", "reason_party"] { key(k); out += Array("null".utf8) }
                }
                key("feedback_count")
                out += Array((e.flags.contains(.hasFeedback) ? String(e.feedback) : "null").utf8)
                string("courier", e.courier)
                key("has_pod"); out += Array((e.flags.contains(.hasPOD) ? "true" : "false").utf8)
                key("source_file"); JSONText.appendString(Int(e.position.input) < paths.count ? paths[Int(e.position.input)] : "", to: &out)
                key("source_line"); out += Array(String(e.line).utf8)
                out += Array("}\n".utf8)
            }
        }
    }

    package func close() throws { try file.close() }
}
