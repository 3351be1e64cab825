import Foundation
import ShipKPICore
import ShipKPIIO

/// Epoch milliseconds of an ISO-8601 instant with offset (test inputs are ours, so force-parse).
package func ms(_ iso: String) -> Int64 {
    let t = DateParsing.iso8601(iso)!
    return t.wallMillis - Int64(t.offsetSeconds!) * 1000
}

/// Days since 1970-01-01 of a yyyy-MM-dd date.
package func day(_ date: String) -> Int32 {
    let d = DateParsing.isoDate(date)!
    return Int32(CivilDate.daysFromCivil(year: d.year, month: d.month, day: d.day))
}

/// 2026-04-01T00:00:00Z: after the samples and the generator's default window.
package let testAsOf = ms("2026-04-01T00:00:00Z")

/// Decode options as a run with `registry`'s default zones has them (`tz`: one reporting zone).
package func testOptions(
    apiKeys: [String]? = nil, includePII: Bool = false, statusMap: StatusMap? = nil, tz: String? = nil,
    keepEventText: Bool = true, registry: CarrierRegistry = .standard
) -> DecodeOptions {
    let zones = registry.defaultZones
    return DecodeOptions(
        registry: registry, statusMap: statusMap ?? StatusMapLoader.defaultMap(registry), carrierZones: zones,
        reportZones: tz.map { z in zones.map { _ in TimeZone(identifier: z)! } } ?? zones,
        apiKeys: apiKeys?.map { Array($0.utf8) }, includePII: includePII, keepEventText: keepEventText)
}

/// The fold settings matching ``testOptions`` (as-of, filters, the same reporting zones).
package func testFoldSettings(
    carriers: Set<Carrier> = [], from: String? = nil, to: String? = nil, tz: String? = nil,
    asOf: Int64 = testAsOf, registry: CarrierRegistry = .standard
) -> FoldSettings {
    let zones = registry.defaultZones
    return FoldSettings(
        carriers: registry.carriers, asOf: asOf, fromDay: from.map(day), toDay: to.map(day), onlyCarriers: carriers,
        reportZones: tz.map { z in zones.map { _ in TimeZone(identifier: z)! } } ?? zones, currencies: registry.defaultCurrencies)
}

/// Decodes NDJSON text (a newline is added after the last line unless `unterminated`).
package func decodeLines(
    _ lines: [String], options: DecodeOptions = testOptions(), unterminated: Bool = false,
    domFastPath: Bool = true
) throws -> EventBatch {
    let text = lines.joined(separator: "\n") + (unterminated ? "" : "\n")
    return try decodeBytes(Array(text.utf8), options: options, domFastPath: domFastPath)
}

/// Decodes `bytes` as one whole-input work unit of `format`, as the pipeline would.
package func decodeBytes(
    _ bytes: [UInt8], options: DecodeOptions = testOptions(), format: InputFile.Format = .lines,
    maxLineBytes: Int = 1 << 20, domFastPath: Bool = true
) throws -> EventBatch {
    let count = bytes.count
    let buffer = bytes + [UInt8](repeating: 0, count: ChunkReader.padding)
    let unit = WorkUnit(
        kind: format == .lines ? .lines : .document, fileIndex: 0, buffer: buffer, dataCount: count,
        byteOffset: 0, atFileStart: true, atFileEnd: true)
    return UnitDecoder.decode(unit, decoder: try RecordDecoder(options: options, domFastPath: domFastPath), maxLineBytes: maxLineBytes)
}

extension EventBatch {
    /// The text of a range of the batch's arena.
    package func text(_ r: ByteRange) -> String { string(r) }
}
