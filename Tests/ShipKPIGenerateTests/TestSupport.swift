import Foundation
import ShipKPICore
import ShipKPIIO

/// 2026-04-01T00:00:00Z, the day after the generator's default window ends.
let testAsOf: Int64 = 1_775_001_600_000

/// Decode options as a run with the default zones has them (the map stage's view of the files).
func testOptions(statusMap: StatusMap = StatusMapLoader.defaultMap(), keepEventText: Bool = true) -> DecodeOptions {
    let zones = DecodeOptions.defaultZoneIDs.map { TimeZone(identifier: $0)! }
    return DecodeOptions(statusMap: statusMap, carrierZones: zones, reportZones: zones, apiKeys: nil, includePII: false,
                         keepEventText: keepEventText)
}

/// The fold settings matching ``testOptions``: as-of, no filter, the carriers' own zones.
func testFoldSettings() -> FoldSettings {
    let zones = DecodeOptions.defaultZoneIDs.map { TimeZone(identifier: $0)! }
    return FoldSettings(asOf: testAsOf, fromDay: nil, toDay: nil, carriers: [], reportZones: zones, currencies: ["VND", "MXN"])
}

/// A fresh temporary directory for one test.
func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "shipkpi-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
