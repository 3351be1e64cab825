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

    package func write(_ event: NormalizedEvent, in batch: EventBatch) throws {
        var label: String?
        if event.flags.contains(.hasReason) && !event.flags.contains(.reasonLabelFromMap) {
            let code = batch.string(event.reasonCode)
            label =
                firstLabels[event.carrier, default: [:]][code]
                ?? {
                    let own = batch.string(event.reasonLabel)
                    firstLabels[event.carrier, default: [:]][code] = own
                    return own
                }()
        }
        try file.append { out in
            batch.arena.withUnsafeBytes { arena in
                func text(_ range: ByteRange) -> UnsafeRawBufferPointer {
                    UnsafeRawBufferPointer(rebasing: arena[Int(range.offset) ..< Int(range.offset + range.count)])
                }
                func key(_ name: String, first: Bool = false) {
                    out += Array(((first ? "{\"" : ",\"") + name + "\":").utf8)
                }
                func string(_ name: String, _ range: ByteRange) {
                    key(name)
                    if range.isEmpty { out += Array("null".utf8) } else { JSONText.appendString(text(range), to: &out) }
                }
                key("carrier", first: true); JSONText.appendString(carriers[event.carrier].id, to: &out)
                string("order_code", event.orderCode)
                string("event_id", event.eventID)
                key("canonical_status"); JSONText.appendString(event.status.name, to: &out)
                string("status_code", event.statusCode)
                string("status_name", event.statusName)
                key("event_at_utc"); out.append(0x22); InstantFormat.appendUTC(event.instant, to: &out); out.append(0x22)
                key("event_at_local"); out.append(0x22)
                InstantFormat.appendLocal(event.instant, offsetSeconds: Int(event.localOffsetSeconds), to: &out); out.append(0x22)
                key("local_date"); out.append(0x22); InstantFormat.appendDate(dayNumber: Int(event.localDay), to: &out); out.append(0x22)
                key("date_source"); JSONText.appendString(event.dateSource.name, to: &out)
                if event.flags.contains(.hasReason) {
                    string("reason_code", event.reasonCode)
                    if let label { key("reason_label"); JSONText.appendString(label, to: &out) } else { string("reason_label", event.reasonLabel) }
                    key("reason_category"); JSONText.appendString(event.reasonCategory.name, to: &out)
                    key("reason_party"); JSONText.appendString(event.reasonParty.name, to: &out)
                } else {
                    for k in ["reason_code", "reason_label", "reason_category", "reason_party"] { key(k); out += Array("null".utf8) }
                }
                key("feedback_count")
                out += Array((event.flags.contains(.hasFeedback) ? String(event.feedback) : "null").utf8)
                string("courier", event.courier)
                key("has_pod"); out += Array((event.flags.contains(.hasPOD) ? "true" : "false").utf8)
                key("source_file"); JSONText.appendString(Int(event.position.input) < paths.count ? paths[Int(event.position.input)] : "", to: &out)
                key("source_line"); out += Array(String(event.line).utf8)
                out += Array("}\n".utf8)
            }
        }
    }

    package func close() throws { try file.close() }
}
