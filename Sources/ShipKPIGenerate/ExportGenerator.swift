import Foundation
import ShipKPICore
import ShipKPIIO

#if canImport(Glibc)
import Glibc
#endif

/// Writes deterministic, realistic exports of both carriers (SPEC §1, §3, §6) for trying the tool
/// and for benchmarks: `shipkpi generate`. The same options give byte-identical files on any
/// machine: all randomness is ``GeneratorRandom`` keyed by the seed, all formatting is done digit
/// by digit, and nothing depends on dictionary order, locale or the clock.
///
/// Memory stays small whatever the volume: orders are created in time order and their events
/// wait in a priority queue (ordered by the instant their line is written) only while the order
/// is in flight; every file is streamed through a 4 MiB buffer, and a multi-megabyte
/// proof-of-delivery array is formatted straight into it.
package final class ExportGenerator {
    package static let webhook247 = "247express-webhook.ndjson"
    package static let orders247 = "247express-orders.ndjson"
    package static let statusLogs247 = "247express-statuslogs.ndjson"
    package static let remittance247 = "247express-remittance.csv"
    package static let houndStatus = "houndexpress-changeorderstatus.ndjson"
    package static let houndWebhook = "houndexpress-webhook.ndjson"
    package static let statusMap = "status-map.csv"
    package static let apiKeys = "api-keys.txt"
    package static let readme = "README.txt"

    let options: GeneratorOptions
    let seed: UInt64
    let schedule247: CreationSchedule
    let scheduleHound: CreationSchedule
    /// No event after these instants is exported (the window's end, in each carrier's local time,
    /// and never after the next midnight UTC, the recommended `--as-of`).
    let cutoff247: Int64
    let cutoffHound: Int64
    let asOf: Int64

    // Output files (nil when not written in this pass).
    var webhookSink: ByteSink?
    var ordersSink: ByteSink?
    var statusLogSink: ByteSink?
    var remittanceSink: ByteSink?
    var houndStatusSink: ByteSink?
    var houndWebhookSink: ByteSink?
    var lineCounts: [String: Int64] = [:]

    // Per-pass state.
    var queue = GenLineQueue()
    var pushes: UInt32 = 0
    var eventLinesSincePOD = 0
    var bigPODPending = false
    var statusLog = StatusLogDocument()
    var pass = 0
    var summary = GeneratorSummary()
    let scratch = ByteSink(scratchCapacity: 1 << 16)
    var lifecycle: [GenEvent] = []

    package init(options: GeneratorOptions) throws {
        // The same limits as the `generate` command's own checks (which name its flags).
        guard options.orders >= 1 else { throw ShipKPIError.usage("the number of orders must be at least 1") }
        guard options.orders <= 50_000_000 else { throw ShipKPIError.usage("the number of orders must be at most 50000000") }
        guard (1 ... 3650).contains(options.days) else { throw ShipKPIError.usage("the window must be 1 to 3650 days long") }
        guard options.podEvery >= 0 else {
            throw ShipKPIError.usage("the proof-of-delivery interval must be 0 (none) or more event lines")
        }
        guard (1 ... 1000).contains(options.repeatCount) else {
            throw ShipKPIError.usage("the event files must be written 1 to 1000 times")
        }
        guard (0 ... 1_000_000).contains(options.malformedPerMillion) else {
            throw ShipKPIError.usage("the malformed-line rate must be between 0 and 1000000 per million")
        }
        self.options = options
        seed = options.seed
        let firstDay = options.endDay - Int64(options.days) + 1
        let n247 = options.orders * 6 / 10
        schedule247 = CreationSchedule(carrier: .express247, orders: n247, firstDay: firstDay, days: options.days, seed: seed)
        scheduleHound = CreationSchedule(carrier: .hound, orders: options.orders - n247, firstDay: firstDay, days: options.days, seed: seed)
        asOf = (options.endDay + 1) * GenSpan.day
        cutoff247 = min(GenCarrier.express247.at(options.endDay + 1, msOfDay: 0), asOf)
        cutoffHound = min(GenCarrier.hound.at(options.endDay + 1, msOfDay: 0), asOf)
    }

    /// Generates every file into `options.outDir` (created if missing). Files are written under
    /// temporary names and renamed into place only when all are complete.
    package func run() throws -> GeneratorSummary {
        let start = Date()
        let dir = options.outDir
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw ShipKPIError.io("cannot create the output directory \(dir): \(error.localizedDescription)")
        }
        func temp(_ name: String) -> String { dir + "/." + name + ".partial" }
        let names = [Self.orders247, Self.remittance247, Self.statusLogs247, Self.webhook247, Self.houndStatus, Self.houndWebhook]
        var sinks: [ByteSink] = []
        do {
            let orders = try ByteSink(path: temp(Self.orders247), name: Self.orders247)
            let remittance = try ByteSink(path: temp(Self.remittance247), name: Self.remittance247, bufferSize: 1 << 20)
            let logs = try ByteSink(path: temp(Self.statusLogs247), name: Self.statusLogs247, bufferSize: 1 << 20)
            let webhook = try ByteSink(path: temp(Self.webhook247), name: Self.webhook247)
            let houndStatus = try ByteSink(path: temp(Self.houndStatus), name: Self.houndStatus)
            let houndWebhook = try ByteSink(path: temp(Self.houndWebhook), name: Self.houndWebhook)
            sinks = [orders, remittance, logs, webhook, houndStatus, houndWebhook]
            remittance.lit("OrderCode,Amount,RemittedAt,Fee,Reference\r\n")
            summary.orders247 = schedule247.count
            summary.ordersHound = scheduleHound.count
            for p in 0 ..< options.repeatCount {
                pass = p
                ordersSink = p == 0 ? orders : nil
                remittanceSink = p == 0 ? remittance : nil
                statusLogSink = logs
                webhookSink = webhook
                houndStatusSink = houndStatus
                houndWebhookSink = houndWebhook
                try generatePass(sinks)
            }
            for sink in sinks { try sink.close() }
            let extras: [(String, [UInt8])] = [
                (Self.statusMap, Array(Self.statusMapCSV.utf8)),
                (Self.apiKeys, Array(apiKeysText().utf8)),
            ]
            for (name, bytes) in extras {
                let sink = try ByteSink(path: temp(name), name: name, bufferSize: 1 << 16)
                sink.bytes(bytes)
                try sink.close()
            }
            for (i, name) in names.enumerated() {
                summary.files.append(GeneratedFile(name: name, lines: lineCounts[name] ?? 0, bytes: sinks[i].totalBytes))
            }
            summary.seconds = Date().timeIntervalSince(start)
            let readme = try ByteSink(path: temp(Self.readme), name: Self.readme, bufferSize: 1 << 16)
            readme.bytes(Array(readmeText().utf8))
            try readme.close()
            for name in names + [Self.statusMap, Self.apiKeys, Self.readme] {
                if rename(temp(name), dir + "/" + name) != 0 {
                    throw ShipKPIError.io("cannot rename \(temp(name)): \(String(cString: strerror(errno)))")
                }
            }
        } catch {
            for name in names + [Self.statusMap, Self.apiKeys, Self.readme] { unlink(temp(name)) }
            throw error
        }
        return summary
    }

    // MARK: One pass

    private func generatePass(_ sinks: [ByteSink]) throws {
        queue = GenLineQueue()
        pushes = 0
        eventLinesSincePOD = 0
        bigPODPending = false
        statusLog = StatusLogDocument()
        let n247 = schedule247.count, nHound = scheduleHound.count
        var i = 0, j = 0
        var next247 = n247 > 0 ? schedule247.created(0) : Int64.max
        var nextHound = nHound > 0 ? scheduleHound.created(0) : Int64.max
        var created = 0
        while i < n247 || j < nHound {
            let carrier: GenCarrier
            let t: Int64
            if next247 <= nextHound {
                carrier = .express247
                t = next247
            } else {
                carrier = .hound
                t = nextHound
            }
            drain(upTo: t)
            if carrier == .express247 {
                createOrder(OrderProfile(seed: seed, carrier: .express247, index: i, created: t))
                i += 1
                next247 = i < n247 ? schedule247.created(i) : Int64.max
            } else {
                createOrder(OrderProfile(seed: seed, carrier: .hound, index: j, created: t))
                j += 1
                nextHound = j < nHound ? scheduleHound.created(j) : Int64.max
            }
            created += 1
            if created & 1023 == 0, let failure = sinks.lazy.compactMap(\.failure).first {
                throw ShipKPIError.io(failure)
            }
        }
        drain(upTo: Int64.max)
        closeStatusLogDocument()
    }

    /// Writes every queued line due by `t`, in order.
    private func drain(upTo t: Int64) {
        while let top = queue.top, top.key <= t {
            let entry = queue.pop()
            write(entry)
        }
    }

    func push(_ entry: GenPendingLine) {
        var e = entry
        e.seq = pushes
        pushes &+= 1
        queue.push(e)
    }

    // MARK: Creating an order

    private func createOrder(_ profile: OrderProfile) {
        GenLifecycle.simulate(profile, seed: seed, into: &lifecycle)
        let carrier = profile.carrier
        let cutoff = carrier == .express247 ? cutoff247 : cutoffHound
        if carrier == .express247 {
            if !profile.noRecord, let sink = ordersSink {
                renderOrderRecord(profile, resent: false, into: sink)
                sink.byte(0x0A)
                sink.lineDone()
                count(Self.orders247)
                summary.orderRecords += 1
                if profile.resend != .none {
                    let pick = lifecycle.count > 1 ? lifecycle[1].time : profile.created + 2 * GenSpan.hour
                    var r = GeneratorRandom(seed, .transport, 0, UInt64(profile.index), 999)
                    let at = pick + r.int64(10 * GenSpan.minute ... 3 * GenSpan.hour)
                    if at <= cutoff {
                        push(GenPendingLine(key: at, time: at, order: UInt32(profile.index), kind: .orderResend))
                    }
                }
            }
            if pass == 0 { scheduleRemittance(profile) }
            if statusLogSelected(profile) { addToStatusLog(profile) }
        }
        let kind: GenLineKind = carrier == .express247 ? .event247 : (profile.webhook ? .houndWebhook : .houndStatus)
        var previous = GenStep.created
        for (ordinal, event) in lifecycle.enumerated() {
            if event.time > cutoff { break }
            if pass == 0 {
                if carrier == .express247 { summary.distinctEvents247 += 1 } else { summary.distinctEventsHound += 1 }
            }
            var r = GeneratorRandom(seed, .transport, UInt64(carrier.rawValue), UInt64(profile.index), UInt64(ordinal))
            // Most lines are written seconds after the event; a few are late (out of order).
            let lag = r.percent(97) ? r.int64(300 ... 5000) : r.int64(GenSpan.minute ... 3 * GenSpan.hour)
            var entry = GenPendingLine(
                event: event, ordinal: ordinal, previous: previous, key: event.time + lag, order: UInt32(profile.index), kind: kind)
            if r.chance(perMillion: options.malformedPerMillion) { entry.flags |= GenPendingLine.malformedFirst }
            push(entry)
            // Re-sends (webhook retries) and overlapping re-exports: the same record again.
            let resendPerMillion = kind == .houndStatus ? 10_000 : 7_000
            if r.chance(perMillion: resendPerMillion) {
                var copy = entry
                copy.flags = GenPendingLine.copy
                let late = kind == .houndStatus || r.percent(30)
                copy.key = entry.key + (late ? r.int64(GenSpan.hour ... 36 * GenSpan.hour) : r.int64(2 * GenSpan.second ... 10 * GenSpan.minute))
                push(copy)
            }
            previous = event.step
        }
    }

    func count(_ name: String, lines: Int64 = 1) { lineCounts[name, default: 0] += lines }

    // MARK: Writing one queued line

    private func write(_ line: GenPendingLine) {
        switch line.kind {
        case .event247:
            guard let sink = webhookSink else { return }
            let p = profile(.express247, line.order)
            if line.flags & GenPendingLine.malformedFirst != 0 { writeMalformed(line, of: p, to: sink, file: Self.webhook247) }
            render247Event(line, of: p, into: sink, statusLog: false)
            finishEventLine(in: sink, file: Self.webhook247)
        case .houndStatus, .houndWebhook:
            guard let sink = line.kind == .houndStatus ? houndStatusSink : houndWebhookSink else { return }
            let name = line.kind == .houndStatus ? Self.houndStatus : Self.houndWebhook
            let p = profile(.hound, line.order)
            if line.flags & GenPendingLine.malformedFirst != 0 { writeMalformed(line, of: p, to: sink, file: name) }
            var bigPOD = 0
            if bigPODPending && line.step == .delivered && line.flags & GenPendingLine.copy == 0 {
                var r = GeneratorRandom(seed, .pod, UInt64(line.order), UInt64(pass))
                bigPOD = r.int(450_000 ... 1_100_000)
                bigPODPending = false
                summary.bigPODLines += 1
            }
            if line.kind == .houndStatus {
                renderHoundStatus(line, of: p, into: sink, bigPOD: bigPOD)
            } else {
                renderHoundWebhook(line, of: p, into: sink, bigPOD: bigPOD)
            }
            finishEventLine(in: sink, file: name)
        case .orderResend:
            guard let sink = ordersSink else { return }
            renderOrderRecord(profile(.express247, line.order), resent: true, into: sink)
            sink.byte(0x0A)
            sink.lineDone()
            count(Self.orders247)
            summary.orderRecords += 1
        case .remittance:
            guard let sink = remittanceSink else { return }
            renderRemittance(line, into: sink)
            sink.lineDone()
            count(Self.remittance247)
            summary.remittanceRows += 1
        }
    }

    private func finishEventLine(in sink: ByteSink, file name: String) {
        sink.byte(0x0A)
        sink.lineDone()
        count(name)
        summary.eventRecords += 1
        if options.podEvery > 0 {
            eventLinesSincePOD += 1
            if eventLinesSincePOD >= options.podEvery {
                eventLinesSincePOD = 0
                bigPODPending = true
            }
        }
    }

    func profile(_ carrier: GenCarrier, _ index: UInt32) -> OrderProfile {
        let i = Int(index)
        let created = carrier == .express247 ? schedule247.created(i) : scheduleHound.created(i)
        return OrderProfile(seed: seed, carrier: carrier, index: i, created: created)
    }

    // MARK: Malformed lines

    /// A broken copy of the line, written just before the good one (a failed send followed by the
    /// carrier's retry): cut short, a missing comma, a raw TAB inside a string, or a valid JSON
    /// value of the wrong shape. Each is exactly one reject; the good line keeps the event.
    private func writeMalformed(_ line: GenPendingLine, of profile: OrderProfile, to sink: ByteSink, file name: String) {
        scratch.clear()
        switch line.kind {
        case .event247: render247Event(line, of: profile, into: scratch, statusLog: false)
        case .houndStatus: renderHoundStatus(line, of: profile, into: scratch, bigPOD: 0)
        default: renderHoundWebhook(line, of: profile, into: scratch, bigPOD: 0)
        }
        var r = GeneratorRandom(seed, .malformed, UInt64(line.kind.rawValue), UInt64(line.order), UInt64(line.ordinal))
        let bytes = scratch.pending
        func find(_ pattern: [UInt8]) -> Int? {
            guard bytes.count >= pattern.count else { return nil }
            outer: for i in 0 ... bytes.count - pattern.count {
                for k in 0 ..< pattern.count where bytes[i + k] != pattern[k] { continue outer }
                return i
            }
            return nil
        }
        switch r.below(4) {
        case 0:  // cut short (a crash mid-write)
            scratch.count = r.int(scratch.count / 4 ... scratch.count - 2)
        case 1:  // missing comma between two members
            if let i = find(Array(#", ""#.utf8)) { scratch.remove(at: i, count: 1) } else { scratch.count -= 1 }
        case 2:  // a raw TAB inside a string value
            if let i = find(Array(#"": ""#.utf8)) { scratch.insert(0x09, at: i + 4) } else { scratch.count -= 1 }
        default:  // valid JSON, unknown shape: an array line, or the receiver's own response logged
            if r.percent(50) {
                scratch.insert(UInt8(ascii: "["), at: 0)
                scratch.byte(UInt8(ascii: "]"))
            } else {
                scratch.clear()
                scratch.lit(#"{"IsError": false, "ErrorMessage": ""}"#)
            }
        }
        sink.append(scratch)
        sink.byte(0x0A)
        count(name)
        summary.malformedLines += 1
    }

    // MARK: GetStatusLogs documents

    /// About 1 % of 247Express orders are also pulled through GetStatusLogs: their histories (up
    /// to the pull instant) repeat webhook events with the same TransactionId — duplicates.
    private func statusLogSelected(_ profile: OrderProfile) -> Bool {
        guard !lifecycle.isEmpty else { return false }
        var r = GeneratorRandom(seed, .statusLog, UInt64(profile.index))
        return r.chance(perMillion: 10_000)
    }

    private func addToStatusLog(_ profile: OrderProfile) {
        if statusLog.orders > 0 && (statusLog.orders >= 40 || profile.created > statusLog.openedAt + 3 * GenSpan.day) {
            closeStatusLogDocument()
        }
        if statusLog.orders == 0 {
            statusLog.openedAt = profile.created
            statusLog.pullAt = min(profile.created + 10 * GenSpan.day, cutoff247)
            statusLog.body.clear()
        }
        let body = statusLog.body
        if statusLog.orders > 0 { body.lit(", ") }
        body.lit(#"{"OrderCode": ""#)
        orderCode247(profile, into: body)
        body.lit(#"", "Histories": ["#)
        var previous = GenStep.created
        var items = 0
        for (ordinal, event) in lifecycle.enumerated() {
            if event.time > statusLog.pullAt { break }
            let e = GenPendingLine(event: event, ordinal: ordinal, previous: previous, key: 0, order: UInt32(profile.index), kind: .event247)
            if items > 0 { body.lit(", ") }
            render247Event(e, of: profile, into: body, statusLog: true)
            items += 1
            previous = event.step
        }
        body.lit("]}")
        statusLog.orders += 1
        statusLog.items += Int64(items)
    }

    private func closeStatusLogDocument() {
        guard statusLog.orders > 0 else { return }
        if let sink = statusLogSink {
            sink.lit(#"{"Data": {"Orders": ["#)
            sink.append(statusLog.body)
            sink.lit("]}}\n")
            sink.lineDone()
            count(Self.statusLogs247)
            summary.statusLogDocuments += 1
            summary.statusLogItems += statusLog.items
            summary.eventRecords += statusLog.items
        }
        statusLog.orders = 0
        statusLog.items = 0
        statusLog.body.clear()
    }

    // MARK: Remittance (COD paid out by 247Express)

    /// The first statement after instant `t` (ms): the next Tuesday or Friday at 10:00 in
    /// 247Express's local time.
    private static func statement(after t: Int64) -> Int64 {
        let c = GenCarrier.express247
        var day = c.localDay(t) + (c.msOfDay(t) >= 10 * GenSpan.hour ? 1 : 0)
        while GenCarrier.weekday(day) != 2 && GenCarrier.weekday(day) != 5 { day += 1 }
        return c.at(day, msOfDay: 10 * GenSpan.hour)
    }

    /// The carrier's statements: Tuesdays and Fridays at 10:00 local time, for deliveries at
    /// least two days old. Most delivered COD orders are remitted exactly; some short or over,
    /// a few twice, a few never; a few rows are for orders that were not delivered or that the
    /// shop's exports do not know.
    private func scheduleRemittance(_ profile: OrderProfile) {
        var r = GeneratorRandom(seed, .remittance, UInt64(profile.index))
        let cod = profile.codFinal
        guard let last = lifecycle.last, last.time <= cutoff247 else { return }
        @discardableResult
        func remit(_ amount: Int, at time: Int64, unknownOrder: Bool = false) -> Bool {
            guard time <= cutoff247 else { return false }
            var e = GenPendingLine(key: time, time: time, order: UInt32(profile.index), kind: .remittance)
            e.amount = Int32(amount)
            e.fee = r.percent(3) ? -1 : Int32(max(5000, amount * 12 / 1000 / 100 * 100))
            e.ordinal = UInt8(truncatingIfNeeded: r.below(256))
            if unknownOrder { e.flags |= GenPendingLine.unknownOrder }
            push(e)
            return true
        }
        if last.step == .delivered && cod > 0 {
            if r.chance(perMillion: 20_000) {
                summary.neverRemitted += 1
                return
            }
            let at = Self.statement(after: last.time + 2 * GenSpan.day)
            guard at <= cutoff247 else { return }
            var amount = cod
            switch r.below(1000) {
            case 0 ..< 20:
                amount = max(1000, cod - 5000 * r.int(1 ... 10))
                summary.remittedShort += 1
            case 20 ..< 30:
                amount = cod + 5000 * r.int(1 ... 6)
                summary.remittedOver += 1
            default:
                summary.remittedExact += 1
            }
            remit(amount, at: at)
            if r.chance(perMillion: 6000) && remit(amount, at: Self.statement(after: at + GenSpan.hour)) {
                summary.remittedTwice += 1
            }
        } else if last.step == .delivered && cod == 0 && r.chance(perMillion: 2000) {
            let at = Self.statement(after: last.time + 2 * GenSpan.day)
            if at <= cutoff247 {
                remit(5000 * r.int(4 ... 7), at: at)
                summary.remittedOver += 1
            }
        } else if (last.step == .returned || last.step == .lost) && cod > 0 && r.chance(perMillion: 15_000) {
            let at = Self.statement(after: last.time + 2 * GenSpan.day)
            if at <= cutoff247 {
                remit(cod, at: at)
                summary.remittedUndelivered += 1
            }
        }
        if r.chance(perMillion: 200) {
            let at = Self.statement(after: profile.created + 3 * GenSpan.day)
            if at <= cutoff247 {
                remit(5000 * r.int(10 ... 80), at: at, unknownOrder: true)
                summary.remittedUnknownOrder += 1
            }
        }
    }

    // MARK: Side files

    func apiKey(_ shop: Int, into sink: ByteSink) {
        var r = GeneratorRandom(seed, .keys, UInt64(shop))
        sink.guid(r.next(), r.next(), upper: true)
    }

    private func apiKeysText() -> String {
        var text = ""
        for shop in 0 ..< 3 {
            scratch.clear()
            apiKey(shop, into: scratch)
            text += String(decoding: UnsafeBufferPointer(scratch.pending), as: UTF8.self) + "\n"
        }
        scratch.clear()
        return text
    }

    /// The codes this generator uses beyond the shipped map — invented, like the samples'
    /// (samples/README.md): 247Express delay codes S01–S06 (S07 and S08 are left unmapped on
    /// purpose) and a HoundExpress delivery partner's homologated statuses 9001–9010. Status 77
    /// (HoundExpress) and 29 (247Express) are in no map: they stay UNKNOWN.
    package static let statusMapCSV = """
        kind,carrier,code,canonical,name,label,category,party
        reason,247express,S01,,,Khách hẹn giao lại,RESCHEDULED,recipient
        reason,247express,S02,,,Không liên lạc được người nhận,RECIPIENT_UNAVAILABLE,recipient
        reason,247express,S03,,,Sai địa chỉ người nhận,ADDRESS_PROBLEM,shipper
        reason,247express,S04,,,Người nhận từ chối nhận hàng,REFUSED,recipient
        reason,247express,S05,,,Hàng hư hỏng trong vận chuyển,DAMAGED,carrier
        reason,247express,S06,,,Chậm tuyến do thời tiết,OPERATIONAL_DELAY,carrier
        status,houndexpress,9001,CREATED,DOCUM,,,
        status,houndexpress,9002,PICKED_UP,RECOL,,,
        status,houndexpress,9003,IN_TRANSIT,TRANS,,,
        status,houndexpress,9004,OUT_FOR_DELIVERY,ENRUTA,,,
        status,houndexpress,9005,RETURNING,DEVPRO,,,
        status,houndexpress,9006,RETURNED,DEVUEL,,,
        status,houndexpress,9007,LOST,EXTRAV,,,
        status,houndexpress,9008,CONFISCATED,DECOM,,,
        status,houndexpress,9009,CANCELLED,CANCEL,,,
        status,houndexpress,9010,ATTEMPT_FAILED,DIRINC,Domicilio incorrecto,ADDRESS_PROBLEM,shipper

        """

    private func readmeText() -> String {
        let first = GenCivilTime((options.endDay - Int64(options.days) + 1) * GenSpan.day, offsetSeconds: 0)
        let last = GenCivilTime(options.endDay * GenSpan.day, offsetSeconds: 0)
        func date(_ t: GenCivilTime) -> String {
            scratch.clear()
            scratch.isoDate(t)
            defer { scratch.clear() }
            return String(decoding: UnsafeBufferPointer(scratch.pending), as: UTF8.self)
        }
        let asOfText = date(GenCivilTime(asOf, offsetSeconds: 0)) + "T00:00:00Z"
        let s = summary
        var text = """
            Generated by `shipkpi generate` (deterministic: the same arguments give the same bytes).
            Everything here is invented: names, phones, addresses, order codes and API keys are fake.

            arguments: \(options.arguments.joined(separator: " "))
            seed: \(options.seed)
            window: \(date(first)) .. \(date(last)) (\(options.days) days, carrier-local dates)
            orders: \(s.orders247 + s.ordersHound) (247express \(s.orders247), houndexpress \(s.ordersHound))
            distinct status events: \(s.distinctEvents247 + s.distinctEventsHound) (247express \(s.distinctEvents247), houndexpress \(s.distinctEventsHound))
            event records written: \(s.eventRecords) (\(s.duplicateEvents) of them duplicates: re-sends, overlapping re-exports, GetStatusLogs, --repeat)
            malformed lines (each one reject): \(s.malformedLines)
            multi-megabyte proof-of-delivery lines: \(s.bigPODLines)
            envelopes ({"receivedAt", "payload"}): \(s.envelopes)
            GetStatusLogs documents: \(s.statusLogDocuments) (\(s.statusLogItems) history items)
            247express order records: \(s.orderRecords) (re-sent records included)
            remittance rows: \(s.remittanceRows) (exact \(s.remittedExact), short \(s.remittedShort), over \(s.remittedOver), \
            remitted twice \(s.remittedTwice), not delivered \(s.remittedUndelivered), unknown order \(s.remittedUnknownOrder)); \
            delivered COD orders never remitted: \(s.neverRemitted)

            files (lines, bytes):

            """
        for f in s.files {
            text += "  \(f.name.padding(toLength: 40, withPad: " ", startingAt: 0)) \(f.lines) lines, \(f.bytes) bytes\n"
        }
        text += """
              \(Self.statusMap.padding(toLength: 40, withPad: " ", startingAt: 0)) the codes used beyond the shipped status map (pass it with --status-map)
              \(Self.apiKeys.padding(toLength: 40, withPad: " ", startingAt: 0)) the shops' 247Express webhook keys (for --api-keys)

            Try:

              shipkpi report \(options.outDir) --status-map \(options.outDir)/\(Self.statusMap) \\
                  --remittance \(options.outDir)/\(Self.remittance247) --as-of \(asOfText) --out reports

            HoundExpress statuses 9001-9010 are a delivery partner's own codes (the shipped map only
            knows 2, 8, 38 and 46): without --status-map they are counted as UNKNOWN. 247Express
            delay codes S07 and S08 and statuses 29 (247express) and 77 (houndexpress) are in no map
            on purpose.
            """
        return text + "\n"
    }
}
