import ShipKPICore

/// Streams `events.csv` (SPEC §7): one row per accepted event, in input order.
package final class EventsCSVWriter {
    package static let columns = [
        "carrier", "order_code", "event_id", "canonical_status", "status_code", "status_name",
        "event_at_utc", "event_at_local", "local_date", "date_source", "reason_code", "reason_label",
        "reason_category", "reason_party", "feedback_count", "courier", "has_pod", "source_file", "source_line",
    ]

    private let file: OutputFile
    private var csv: CSVWriter
    private let paths: [String]
    private let carriers: Carriers
    /// Labels of unmapped 247Express delay codes: the DelayNotes of the first accepted event (SPEC §11).
    private var firstLabels: [Carrier: [String: String]] = [:]

    package init(file: OutputFile, paths: [String], carriers: Carriers, bom: Bool) {
        self.file = file
        self.carriers = carriers
        self.paths = paths
        csv = CSVWriter(bom: bom)
        csv.writeRow(Self.columns.map { .raw($0) })
    }

    /// Writes one accepted event; `line` is its absolute line number.
    package func write(_ e: NormalizedEvent, _ batch: EventBatch) throws {
        batch.arena.withUnsafeBytes { arena in
            func text(_ r: ByteRange) -> UnsafeRawBufferPointer {
                UnsafeRawBufferPointer(rebasing: arena[Int(r.offset) ..< Int(r.offset + r.count)])
            }
            csv.appendRaw(carriers[e.carrier].id)
            csv.appendText(text(e.orderCode))
            csv.appendText(text(e.eventID))
            csv.appendRaw(e.status.name)
            csv.appendText(text(e.statusCode))
            csv.appendText(text(e.statusName))
            csv.appendRaw { InstantFormat.appendUTC(e.instant, to: &$0) }
            csv.appendRaw { InstantFormat.appendLocal(e.instant, offsetSeconds: Int(e.localOffsetSeconds), to: &$0) }
            csv.appendRaw { InstantFormat.appendDate(dayNumber: Int(e.localDay), to: &$0) }
            csv.appendRaw(e.dateSource.name)
            if e.flags.contains(.hasReason) {
                csv.appendText(text(e.reasonCode))
                if e.flags.contains(.reasonLabelFromMap) {
                    csv.appendText(text(e.reasonLabel))
                } else {
                    let code = String(decoding: text(e.reasonCode), as: UTF8.self)
                    let label = firstLabels[e.carrier, default: [:]][code] ?? {
                        let own = String(decoding: text(e.reasonLabel), as: UTF8.self)
                        firstLabels[e.carrier, default: [:]][code] = own
                        return own
                    }()
                    csv.appendText(label)
                }
                csv.appendRaw(e.reasonCategory.name)
                csv.appendRaw(e.reasonParty.name)
            } else {
                csv.appendEmpty(); csv.appendEmpty(); csv.appendEmpty(); csv.appendEmpty()
            }
            if e.flags.contains(.hasFeedback) { csv.appendInteger(Int(e.feedback)) } else { csv.appendEmpty() }
            csv.appendText(text(e.courier))
            csv.appendRaw(e.flags.contains(.hasPOD) ? "true" : "false")
            csv.appendText(Int(e.position.input) < paths.count ? paths[Int(e.position.input)] : "")
            csv.appendInteger(Int(e.line))
            csv.endRow()
        }
        if csv.buffer.count >= 1 << 20 { try csv.flush { try file.write($0) } }
    }

    package func close() throws {
        try csv.flush { try file.write($0) }
        try file.close()
    }
}
