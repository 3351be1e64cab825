import Foundation
import ShipKPICore
import ShipKPIJSON

/// The rules every carrier's records share, with what they need ready (zone resolvers, the
/// redaction secrets): dating an event and its fallbacks, the status map, identities, rejects.
/// One per ``RecordDecoder`` (zone resolvers keep caches).
package final class RecordRules {
    let options: DecodeOptions
    let receivedAt: JSONField
    private let reportZones: PerCarrier<ZoneResolver>
    /// Each carrier's first record kind (``Carriers/recordKinds`` is carrier by carrier).
    private let firstKind: [Int]
    private let utc = ZoneResolver(timeZone: TimeZone(secondsFromGMT: 0)!)
    private static let day: Int64 = 86_400_000
    /// The instants (ms) an event may have: 0001-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z
    /// (days from civil: −719162 and 2932896).
    package static let instants: ClosedRange<Int64> = -719_162 * 86_400_000 ... 2_932_897 * 86_400_000 - 1

    init(options: DecodeOptions, receivedAt: JSONField) {
        self.options = options
        self.receivedAt = receivedAt
        reportZones = options.reportZones.map { ZoneResolver(timeZone: $0) }
        firstKind = options.registry.all.map { options.registry.carriers.firstRecordKind($0) }
    }

    /// Kind number `local` of `carrier`'s record kinds.
    @inline(__always)
    func recordKind(_ carrier: Carrier, number local: Int) -> RecordKind { RecordKind(index: firstKind[carrier.index] + local) }

    /// Instants outside years 0001–9999 (a far-future epoch, an offset past 9999-12-31) are
    /// unparseable like any impossible date: every output can then write them as yyyy-….
    @inline(__always)
    static func inRange(_ ms: Int64) -> Bool { instants.contains(ms) }

    func event(
        _ parts: EventParts, carrier: Carrier, position: InputPosition, line: Int64, envelope: JSONFrame?,
        into batch: inout EventBatch
    ) -> NormalizedEvent {
        var instant: Int64 = 0
        var dateSource = DateSource.event
        if let parsed = parts.instant, Self.inRange(parsed) {
            instant = parsed
        } else if let envelope, envelope.type(receivedAt) == .string, let text = envelope.text(receivedAt),
            let local = DateParsing.iso8601(text), Self.inRange(local.utcMillis(localZone: utc))
        {
            instant = local.utcMillis(localZone: utc)
            dateSource = .receivedAt
        } else {
            // Undated: the fold dates it with the run's as-of, which the map stage does not know.
            dateSource = .asOf
        }
        var offset = 0
        var day: Int32 = 0
        if dateSource != .asOf {
            offset = reportZones[carrier].offsetSeconds(atUTC: instant)
            day = Int32(clamping: floorDiv(instant + Int64(offset) * 1000, Self.day))
        }
        let info = options.statusMap.status(carrier, parts.statusCode)
        let orderRange = batch.store(parts.orderCode)
        let identity =
            parts.transactionID.map { IdentityText.append(transactionID: $0, to: &batch.arena) }
            ?? IdentityText.append(code: parts.statusCode, date: parts.rawDate, time: parts.rawTime, to: &batch.arena)
        var event = NormalizedEvent(
            carrier: carrier, status: info?.canonical ?? .unknown, dateSource: dateSource, flags: parts.flags,
            localOffsetSeconds: Int32(offset), instant: instant, localDay: day, position: position, line: line,
            orderCode: orderRange, identity: identity, statusCode: batch.store(parts.statusCode))
        if parts.transactionID != nil { event.flags.insert(.hasTransactionID) }
        if options.keepEventText { keepText(of: parts, info: info, into: &event, batch: &batch) }
        return event
    }

    /// The text `events.csv` needs: the status name and an event id.
    private func keepText(of parts: EventParts, info: StatusInfo?, into event: inout NormalizedEvent, batch: inout EventBatch) {
        if let name = parts.statusName {
            event.statusName = batch.store(name)
        } else if let name = info?.name, !name.isEmpty {
            event.statusName = batch.store(name)
        }
        if let tx = parts.transactionID {
            event.eventID = batch.store(tx)
            return
        }
        let start = UInt32(batch.arena.count)
        batch.arena.append(contentsOf: parts.orderCode)
        batch.arena.append(UInt8(ascii: "|"))
        batch.arena.append(contentsOf: parts.statusCode)
        batch.arena.append(UInt8(ascii: "|"))
        batch.arena.append(contentsOf: parts.rawDate)
        if let time = parts.rawTime {
            batch.arena.append(UInt8(ascii: "|"))
            batch.arena.append(contentsOf: time)
        }
        event.eventID = ByteRange(offset: start, count: UInt32(batch.arena.count) - start)
    }

    /// A reject of a document; its text (redacted, at most 1 KiB) only with `--include-pii`.
    func reject(
        _ reason: RejectReason, detail: String, document: UnsafeRawBufferPointer, source: SourcePosition,
        into batch: inout EventBatch
    ) {
        let text = options.includePII ? Redactor.redactedExcerpt(document, secrets: options.apiKeys ?? []) : nil
        batch.rejects.append(Reject(source: source, reason: reason, detail: detail, text: text))
    }
}
