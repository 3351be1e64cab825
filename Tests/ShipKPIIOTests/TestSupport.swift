import Foundation
import ShipKPICore
import ShipKPIIO

/// Epoch milliseconds of an ISO-8601 instant with offset (test inputs are ours, so force-parse).
func ms(_ iso: String) -> Int64 {
    let t = DateParsing.iso8601(iso)!
    return t.wallMillis - Int64(t.offsetSeconds!) * 1000
}

/// Days since 1970-01-01 of a yyyy-MM-dd date.
func day(_ date: String) -> Int32 {
    let d = DateParsing.isoDate(date)!
    return Int32(CivilDate.daysFromCivil(year: d.year, month: d.month, day: d.day))
}

let testAsOf = ms("2026-04-01T00:00:00Z")

// The shipped carriers, by id, for tests that name them.
extension Carrier {
    static let express247 = CarrierRegistry.standard.carrier(id: "247express")!
    static let houndExpress = CarrierRegistry.standard.carrier(id: "houndexpress")!
}

extension RecordKind {
    /// The shipped record kind with run.json id `id`.
    static func named(_ id: String) -> RecordKind {
        RecordKind(index: CarrierRegistry.standard.carriers.recordKinds.firstIndex { $0.id == id }!)
    }

    static let event247 = named("247express_status_event")
    static let statusLogItem247 = named("247express_status_log_item")
    static let order247 = named("247express_order")
    static let houndStatus = named("houndexpress_status_event")
    static let houndWebhook = named("houndexpress_webhook")
}

/// The report id of a carrier or `ALL`.
func id(_ scope: CarrierScope) -> String { CarrierRegistry.standard.carriers.id(scope) }
func id(_ carrier: Carrier) -> String { CarrierRegistry.standard.carriers[carrier].id }

func testOptions(
    apiKeys: [String]? = nil, includePII: Bool = false, statusMap: StatusMap = StatusMapLoader.defaultMap(), tz: String? = nil,
    keepEventText: Bool = true, registry: CarrierRegistry = .standard
) -> DecodeOptions {
    let zones = registry.defaultZones
    return DecodeOptions(
        registry: registry, statusMap: statusMap, carrierZones: zones,
        reportZones: tz.map { z in zones.map { _ in TimeZone(identifier: z)! } } ?? zones,
        apiKeys: apiKeys?.map { Array($0.utf8) }, includePII: includePII, keepEventText: keepEventText)
}

/// The fold settings matching ``testOptions`` (as-of, filters, the same reporting zones).
func testFoldSettings(carriers: Set<Carrier> = [], from: String? = nil, to: String? = nil, tz: String? = nil,
                      asOf: Int64 = testAsOf, registry: CarrierRegistry = .standard) -> FoldSettings {
    let zones = registry.defaultZones
    return FoldSettings(
        carriers: registry.carriers, asOf: asOf, fromDay: from.map(day), toDay: to.map(day), onlyCarriers: carriers,
        reportZones: tz.map { z in zones.map { _ in TimeZone(identifier: z)! } } ?? zones, currencies: registry.defaultCurrencies)
}

/// Decodes NDJSON text (a newline is added after the last line unless `unterminated`).
func decodeLines(_ lines: [String], options: DecodeOptions = testOptions(), unterminated: Bool = false,
                 domFastPath: Bool = true) throws -> EventBatch {
    let text = lines.joined(separator: "\n") + (unterminated ? "" : "\n")
    return try decodeBytes(Array(text.utf8), options: options, domFastPath: domFastPath)
}

func decodeBytes(_ bytes: [UInt8], options: DecodeOptions = testOptions(), format: InputFile.Format = .lines,
                 maxLineBytes: Int = 1 << 20, domFastPath: Bool = true) throws -> EventBatch {
    let count = bytes.count
    let buffer = bytes + [UInt8](repeating: 0, count: ChunkReader.padding)
    let unit = WorkUnit(kind: format == .lines ? .lines : .document, fileIndex: 0, buffer: buffer, dataCount: count,
                        byteOffset: 0, atFileStart: true, atFileEnd: true)
    return UnitDecoder.decode(unit, decoder: try RecordDecoder(options: options, domFastPath: domFastPath), maxLineBytes: maxLineBytes)
}

extension EventBatch {
    func text(_ r: ByteRange) -> String { string(r) }
}

/// A fresh temporary directory for one test.
func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "shipkpi-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
