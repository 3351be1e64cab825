import Foundation
import ShipKPICore
import ShipKPIIO

/// Decode options as a run with the shipped status map and the default zones has them.
func testOptions() -> DecodeOptions {
    let zones = DecodeOptions.defaultZoneIDs.map { TimeZone(identifier: $0)! }
    return DecodeOptions(statusMap: StatusMapLoader.defaultMap(), carrierZones: zones, reportZones: zones, apiKeys: nil,
                         includePII: false, keepEventText: true)
}

/// Decodes NDJSON lines (each followed by a newline) as one work unit.
func decodeLines(_ lines: [String], options: DecodeOptions = testOptions(), domFastPath: Bool = true) throws -> EventBatch {
    try decodeBytes(Array((lines.joined(separator: "\n") + "\n").utf8), options: options, domFastPath: domFastPath)
}

/// Decodes `bytes` as one whole-input work unit of `format`, as the pipeline would.
func decodeBytes(_ bytes: [UInt8], options: DecodeOptions = testOptions(), format: InputFile.Format = .lines,
                 maxLineBytes: Int = 1 << 20, domFastPath: Bool = true) throws -> EventBatch {
    let count = bytes.count
    let buffer = bytes + [UInt8](repeating: 0, count: ChunkReader.padding)
    let unit = WorkUnit(kind: format == .lines ? .lines : .document, fileIndex: 0, buffer: buffer, dataCount: count,
                        byteOffset: 0, atFileStart: true, atFileEnd: true)
    return UnitDecoder.decode(unit, decoder: try RecordDecoder(options: options, domFastPath: domFastPath), maxLineBytes: maxLineBytes)
}

/// A fresh temporary directory for one test.
func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "shipkpi-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
