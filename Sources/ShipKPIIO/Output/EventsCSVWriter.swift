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
    package func write(_ event: NormalizedEvent, in batch: EventBatch) throws {
        batch.arena.withUnsafeBytes { arena in
            func text(_ range: ByteRange) -> UnsafeRawBufferPointer {
                UnsafeRawBufferPointer(rebasing: arena[Int(range.offset) ..< Int(range.offset + range.count)])
            }
            csv.appendRaw(carriers[event.carrier].id)
            csv.appendText(text(event.orderCode))
            csv.appendText(text(event.eventID))
            csv.appendRaw(event.status.name)
            csv.appendText(text(event.statusCode))
            csv.appendText(text(event.statusName))
            csv.appendRaw { InstantFormat.appendUTC(event.instant, to: &$0) }
            csv.appendRaw { InstantFormat.appendLocal(event.instant, offsetSeconds: Int(event.localOffsetSeconds), to: &$0) }
            csv.appendRaw { InstantFormat.appendDate(dayNumber: Int(event.localDay), to: &$0) }
            csv.appendRaw(event.dateSource.name)
            if event.flags.contains(.hasReason) {
                csv.appendText(text(event.reasonCode))
                if event.flags.contains(.reasonLabelFromMap) {
                    csv.appendText(text(event.reasonLabel))
                } else {
                    let code = String(decoding: text(event.reasonCode), as: UTF8.self)
                    let label =
                        firstLabels[event.carrier, default: [:]][code]
                        ?? {
                            let own = String(decoding: text(event.reasonLabel), as: UTF8.self)
                            firstLabels[event.carrier, default: [:]][code] = own
                            return own
                        }()
                    csv.appendText(label)
                }
                csv.appendRaw(event.reasonCategory.name)
                csv.appendRaw(event.reasonParty.name)
            } else {
                csv.appendEmpty(); csv.appendEmpty(); csv.appendEmpty(); csv.appendEmpty()
            }
            if event.flags.contains(.hasFeedback) { csv.appendInteger(Int(event.feedback)) } else { csv.appendEmpty() }
            csv.appendText(text(event.courier))
            csv.appendRaw(event.flags.contains(.hasPOD) ? "true" : "false")
            csv.appendText(Int(event.position.input) < paths.count ? paths[Int(event.position.input)] : "")
            csv.appendInteger(Int(event.line))
            csv.endRow()
        }
        if csv.buffer.count >= 1 << 20 { try csv.flush { try file.write($0) } }
    }

    package func close() throws {
        try csv.flush { try file.write($0) }
        try file.close()
    }
}
