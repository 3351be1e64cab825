import Foundation
import ShipKPICore
import ShipKPIIO

/// Drives one input through every path a hostile export reaches: the libFuzzer target
/// (`Sources/ShipKPIFuzz`, `make fuzz`) and the fuzz-regression tests share it, so a regression
/// file replays exactly what the fuzzer ran.
///
/// For each of two decoder configurations the input is decoded
/// 1. as one `.lines` work unit (BOM, CRLF, blank lines, the in-unit `--max-line-bytes` check),
/// 2. as one `.document` work unit (`JSONArraySplitter` and per-element decoding),
/// 3. as a `.ndjson` file read by `ChunkReader` in small chunks (lines cut across chunks, lines
///    over the limit discarded unread; as a `.gz` file too when it starts with the gzip magic),
///
/// every batch is checked (below) and folded into one `KPIAggregator`, and `finish()` computes the
/// report. Both configurations keep reject text (`includePII`), so the `Redactor` runs; the second
/// also checks API keys, filters by date and uses tiny line limits. The input is also read as a
/// remittance CSV (`CSVReader`, rows passed to `finish`), as a status-map CSV, and handed whole to
/// `ExactDecimal.parse` and every `DateParsing` parser.
///
/// Deterministic: fixed hash seeds and as-of; set `SWIFT_DETERMINISTIC_HASHING=1` as well so that
/// `Set`/`Dictionary` iteration is the same in every run.
///
/// Invariants that are not crashes but would be bugs trap with `preconditionFailure` (so the fuzzer
/// reports them): a line whose malformed/well-formed verdict differs from an independent RFC 8259
/// validator (`StrictJSON`), a reject text over 1 KiB, a reject without text although `includePII` is set, a
/// configured API key appearing verbatim in a reject text, escaped JSON output that is not UTF-8,
/// and a byte range outside its batch's arena.
package final class FuzzHarness {
    /// What the input produced, summed over every path and configuration.
    package struct Outcome: Sendable, Equatable {
        package var events = 0
        package var rejects = 0
        package var orderRecords = 0
        package var blankLines = 0
    }

    /// One decoder configuration and the line/chunk limits used with it.
    private struct Configuration {
        let options: DecodeOptions
        let decoder: RecordDecoder
        /// What the fold applies after the map (as-of, filters, zones).
        let fold: FoldSettings
        /// `--max-line-bytes` for the whole-buffer `.lines` unit.
        let maxLineBytes: Int
        /// Chunk size and line limit of the `ChunkReader` pass.
        let chunkSize: Int
        let chunkMaxLineBytes: Int
        /// Fill of the padding after the data (production padding is uninitialised memory).
        let paddingByte: UInt8
    }

    /// The sample shop's key and a short one that hostile text hits often.
    package static let apiKeys = ["0D4E5F6A-2026-4C3B-8A9D-5A3B1C2D7E8F", "K1"]
    /// 2026-04-01T00:00:00Z, as in the samples.
    package static let asOf: Int64 = 1_775_001_600_000
    /// Extra status-map rows so that the mapped-reason branches run (codes as in the samples).
    static let extraStatusMap = """
        kind,carrier,code,canonical,name,label,category,party
        reason,247express,S01,,,Khách hẹn giao lại,RESCHEDULED,recipient
        reason,247express,S02,,,Không liên lạc được,RECIPIENT_UNAVAILABLE,recipient
        status,houndexpress,9010,ATTEMPT_FAILED,,Domicilio incorrecto,ADDRESS_PROBLEM,shipper

        """

    /// Instants (ms) the decoder accepts: 0001-01-01 to 9999-12-31.
    static let decodableInstants = RecordRules.instants

    private let configurations: [Configuration]
    /// The first configuration's options with the JSON shim's DOM fast path off: every `.lines`
    /// and `.document` unit is decoded by both and the batches must be equal.
    private let exactDecoder: RecordDecoder
    private let scratchPath: String
    private let mexicoCity: ZoneResolver
    private let hoChiMinh: ZoneResolver

    /// - Parameter scratchDirectory: where the input is written for the `ChunkReader` pass (one
    ///   file, overwritten by every call).
    package init(scratchDirectory: String) throws {
        let registry = CarrierRegistry.standard
        let zones = registry.defaultZones
        let extra = try StatusMapLoader.parse(Array(Self.extraStatusMap.utf8), name: "fuzz status map", registry: registry)
        let map = StatusMapLoader.defaultMap(registry).merging(extra)
        let utc = zones.map { zone in TimeZone(secondsFromGMT: 0) ?? zone }
        let open = DecodeOptions(
            registry: registry, statusMap: map, carrierZones: zones, reportZones: zones, includePII: true, keepEventText: true)
        let strict = DecodeOptions(
            registry: registry, statusMap: map, carrierZones: zones, reportZones: utc, apiKeys: Self.apiKeys.map { Array($0.utf8) },
            includePII: true, keepEventText: false)
        let currencies = registry.defaultCurrencies
        guard let hound = registry.carrier(id: "houndexpress") else { throw ShipKPIError.internal("no houndexpress carrier") }
        configurations = [
            Configuration(
                options: open, decoder: try RecordDecoder(options: open),
                fold: FoldSettings(carriers: registry.carriers, asOf: Self.asOf, reportZones: zones, currencies: currencies),
                maxLineBytes: 64 << 20, chunkSize: 1024, chunkMaxLineBytes: 1 << 16, paddingByte: 0),
            // 2026-03-01 … 2026-03-31 in UTC (days since 1970-01-01), HoundExpress only.
            Configuration(
                options: strict, decoder: try RecordDecoder(options: strict),
                fold: FoldSettings(
                    carriers: registry.carriers, asOf: Self.asOf, fromDay: 20_513, toDay: 20_543,
                    onlyCarriers: [hound], reportZones: utc, currencies: currencies),
                maxLineBytes: 100, chunkSize: 37, chunkMaxLineBytes: 64, paddingByte: UInt8(ascii: "\"")),
        ]
        exactDecoder = try RecordDecoder(options: open, domFastPath: false)
        scratchPath = scratchDirectory + "/fuzz-input-\(getpid())"
        mexicoCity = ZoneResolver(timeZone: zones[hound])
        hoChiMinh = ZoneResolver(timeZone: TimeZone(identifier: Express247.profile.defaultZone)!)
    }

    /// Runs every path on `data`. Throws only when the scratch file cannot be written or read.
    @discardableResult
    package func run(_ data: [UInt8]) throws -> Outcome {
        var outcome = Outcome()
        let remittances = readRemittanceCSV(data)
        readStatusMapCSV(data)
        parseScalars(data)

        let gzip = data.count >= 2 && data[0] == 0x1F && data[1] == 0x8B
        try writeScratch(data)
        for (index, configuration) in configurations.enumerated() {
            // The whole report computation, as a run over several inputs would do it: the units
            // below are the inputs (in input order), the remittance rows come last.
            let computed = try StagedReport.compute(settings: configuration.fold) { emit in
                var numbering = LineNumbering()
                @discardableResult
                func take(_ unit: WorkUnit, differential: Bool = false) throws -> EventBatch {
                    var batch = UnitDecoder.decode(unit, decoder: configuration.decoder, maxLineBytes: configuration.maxLineBytes)
                    if differential {
                        // The DOM fast path and the On-Demand walk must decide every document alike.
                        let exact = UnitDecoder.decode(unit, decoder: exactDecoder, maxLineBytes: configuration.maxLineBytes)
                        precondition(exact == batch, "the JSON shim's DOM fast path and On-Demand walk disagree")
                    }
                    numbering.resolve(unit, in: &batch)
                    check(batch, options: configuration.options, into: &outcome)
                    try emit(batch)
                    return batch
                }
                let buffer = data + repeatElement(configuration.paddingByte, count: ChunkReader.padding)
                let lines = try take(
                    WorkUnit(
                        kind: .lines, fileIndex: 0, buffer: buffer, dataCount: data.count, byteOffset: 0,
                        atFileStart: true, atFileEnd: true), differential: index == 0)
                if configuration.maxLineBytes >= data.count {
                    // Every line was decoded (none is over the limit; line numbers start at 1 with
                    // file index 0): check each verdict against the grammar.
                    compareVerdicts(of: data, with: lines, limit: Int(configuration.options.maxDepth))
                }
                try take(
                    WorkUnit(
                        kind: .document, fileIndex: 1, buffer: buffer, dataCount: data.count, byteOffset: 0,
                        atFileStart: true, atFileEnd: true), differential: index == 0)
                var files = [InputFile(path: scratchPath, format: .lines, gzip: false)]
                if gzip {
                    files.append(InputFile(path: scratchPath, format: .lines, gzip: true))
                    files.append(InputFile(path: scratchPath, format: .document, gzip: true))
                }
                for (i, file) in files.enumerated() {
                    // Small chunks put many lines across chunk boundaries; bounded below so that a
                    // large input does not cost one read per few bytes.
                    let chunkSize = max(configuration.chunkSize, data.count / 64)
                    let reader = ChunkReader(
                        file: file, index: Int32(2 + i), chunkSize: chunkSize,
                        maxLineBytes: configuration.chunkMaxLineBytes, hash: .xxh3)
                    _ = try reader.run(emit: { try take($0) }, progress: { _ in })
                }
                var statement = EventBatch()
                statement.remittances = remittances
                try emit(statement)
            }
            precondition(computed.tables.currencies == configuration.fold.currencies)
        }
        return outcome
    }

    /// Writes the scratch file with plain POSIX calls (`FileManager.createFile` writes atomically,
    /// with an fsync and a rename per call: most of a fuzz iteration's time).
    private func writeScratch(_ data: [UInt8]) throws {
        let fd = open(scratchPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw ShipKPIError.io("cannot open \(scratchPath)") }
        defer { close(fd) }
        var written = 0
        while written < data.count {
            let n = data.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            guard n > 0 else { throw ShipKPIError.io("cannot write \(scratchPath)") }
            written += n
        }
    }

    /// Checks one batch's invariants and counts it.
    private func check(_ batch: EventBatch, options: DecodeOptions, into outcome: inout Outcome) {
        outcome.events += batch.events.count
        outcome.rejects += batch.rejects.count
        outcome.orderRecords += batch.orders.count
        outcome.blankLines += Int(batch.counters.blankLines)
        let arenaCount = batch.arena.count
        func inArena(_ range: ByteRange) -> Bool { Int(range.offset) + Int(range.count) <= arenaCount }
        for e in batch.events {
            precondition(
                inArena(e.orderCode) && inArena(e.statusCode) && inArena(e.statusName) && inArena(e.reasonCode)
                    && inArena(e.reasonLabel) && inArena(e.courier) && inArena(e.eventID), "event text outside the arena")
        }
        for o in batch.orders {
            precondition(inArena(o.orderCode) && inArena(o.province) && inArena(o.service), "order text outside the arena")
        }
        var escaped: [UInt8] = []
        for reject in batch.rejects {
            JSONText.appendString(reject.detail, to: &escaped)
            // Oversized lines and corrupt gzip streams are rejected unread: they have no text.
            let unread = reject.reason == .lineTooLong || reject.reason == .corruptGzip
            guard let text = reject.text else {
                precondition(!options.includePII || unread, "a reject without text although includePII is set")
                continue
            }
            precondition(text.count <= Redactor.excerptLimit, "a reject text over 1 KiB")
            for key in options.apiKeys ?? [] {
                precondition(!Self.contains(text, key), "a configured API key survived redaction")
            }
            text.withUnsafeBytes { JSONText.appendString($0, to: &escaped) }
        }
        precondition(String(validating: escaped, as: UTF8.self) != nil, "escaped reject JSON is not UTF-8")
    }

    /// Splits `data` into lines exactly as `UnitDecoder` does (BOM, one trailing CR, blank lines)
    /// and checks that a line is rejected as malformed (invalid JSON or UTF-8, too deep, truncated)
    /// exactly when `StrictJSON` finds it malformed.
    private func compareVerdicts(of data: [UInt8], with batch: EventBatch, limit: Int) {
        let malformed: Set<RejectReason> = [.invalidJSON, .invalidUTF8, .tooDeep, .truncated]
        var rejectedLines = Set<Int64>()
        for r in batch.rejects where malformed.contains(r.reason) { rejectedLines.insert(r.source.line) }
        data.withUnsafeBytes { raw in
            var p = data.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            var line: Int64 = 0
            while p < raw.count {
                var end = p
                while end < raw.count && raw[end] != 0x0A { end += 1 }
                line += 1
                var len = end - p
                if len > 0 && raw[p + len - 1] == 0x0D { len -= 1 }
                let text = UnsafeRawBufferPointer(rebasing: raw[p ..< p + len])
                if !text.allSatisfy(isASCIIWhitespace) {
                    switch StrictJSON.verdict(text, limit: limit) {
                    case .valid:
                        precondition(!rejectedLines.contains(line), "valid JSON on line \(line) was rejected as malformed")
                    case .invalid:
                        precondition(rejectedLines.contains(line), "malformed JSON on line \(line) was accepted")
                    case .ambiguous:
                        break
                    }
                }
                p = end + 1
            }
        }
    }

    private static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= hay.count else { return false }
        for i in 0 ... hay.count - needle.count where hay[i] == needle[0] && hay[i ..< i + needle.count].elementsEqual(needle) {
            return true
        }
        return false
    }

    /// The input as a remittance statement, through `RemittanceLoader` (a usage error such as a
    /// missing header is fine; a trap is not); every cell also goes through the amount parser.
    private func readRemittanceCSV(_ data: [UInt8]) -> [RemittanceRow] {
        var reader = CSVReader(data)
        while let next = reader.next() {
            if case .success(let record) = next { for field in record.fields { _ = MoneyParsing.amountField(field) } }
        }
        let parsed = try? RemittanceLoader.parse(
            data, name: "fuzz", fileIndex: 0, rejectFileIndex: 0, carrier: Carrier(rawValue: 0), columns: RemittanceColumns())
        return parsed?.rows ?? []
    }

    /// The input as a `--status-map` file (a usage error is fine; a trap is not).
    private func readStatusMapCSV(_ data: [UInt8]) {
        let registry = CarrierRegistry.standard
        guard let rows = try? StatusMapLoader.parse(data, name: "fuzz", registry: registry) else { return }
        _ = StatusMap(carriers: registry.carriers.count, rows: rows)
    }

    /// The whole input handed to the scalar parsers.
    private func parseScalars(_ data: [UInt8]) {
        data.withUnsafeBytes { raw in
            if case .value(let v) = ExactDecimal.parse(raw) {
                _ = v.formatted(minFractionDigits: 2)
                _ = v.addingReportingOverflow(v)
            }
            _ = MoneyParsing.amountField(raw)
            var dates = [DateParsing.iso8601(raw), DateParsing.slashedDayMonthYear(raw), DateParsing.isoDate(raw)]
            let cut = min(10, raw.count)
            dates.append(
                DateParsing.dashedDayMonthYear(
                    UnsafeRawBufferPointer(rebasing: raw[..<cut]),
                    time: UnsafeRawBufferPointer(rebasing: raw[cut...])))
            for case let date? in dates {
                _ = date.utcMillis(localZone: mexicoCity)
                _ = date.utcMillis(localZone: hoChiMinh)
            }
            // The decoder only uses epoch values within years 0001–9999; so does this.
            if let ms = DateParsing.epochMillis(raw), Self.decodableInstants.contains(ms) {
                _ = mexicoCity.offsetSeconds(atUTC: ms)
            }
        }
    }
}
