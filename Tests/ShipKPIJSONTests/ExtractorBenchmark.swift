import CShipJSON
import Foundation
import ShipKPIJSON
import XCTest

/// Old decoder (`skp_parse` + record reads) against the extractor (`extract` + frame reads), on the
/// NDJSON files of a directory. Prints, never asserts; does nothing unless SHIPKPI_JSON_BENCH names
/// the directory. Build in release and run just this (the other test targets use
/// `@testable import`, so a release build of the tests needs `-enable-testing`; `--scratch-path`
/// keeps that build apart from the product's):
///
///     swift run -c release shipkpi generate --orders 20000 --out /tmp/jsonbench -q
///     swift build -c release --build-tests -Xswiftc -enable-testing --scratch-path /tmp/bench-build
///     SHIPKPI_JSON_BENCH=/tmp/jsonbench swift test -c release --skip-build --scratch-path /tmp/bench-build \
///         --filter ExtractorBenchmark
///
/// An XCTest case, not a Swift Testing one: valgrind runs the XCTest harness but crashes inside
/// Swift Testing's concurrent runner, and instruction counts are the steadier measure (valgrind
/// cannot read the DWARF 5 of Swift binaries either: strip it):
///
///     strip --strip-debug -o /tmp/bench.xctest /tmp/bench-build/release/shipkpiPackageTests.xctest
///     SHIPKPI_JSON_BENCH=/tmp/jsonbench SHIPKPI_JSON_BENCH_MODE=new valgrind --tool=callgrind \
///         /tmp/bench.xctest ShipKPIJSONTests.ExtractorBenchmark
///
/// Environment:
/// - SHIPKPI_JSON_BENCH_MODE: `both` (default: interleaved rounds, best wall time of each), or
///   `old`, `new`, `load` (one pass of one side, or only loading the files: the baseline to
///   subtract from callgrind's counts).
/// - SHIPKPI_JSON_BENCH_ROUNDS: rounds of `both` (default 5).
/// - SHIPKPI_JSON_BENCH_MIN, SHIPKPI_JSON_BENCH_MAX: only documents of that many bytes.
/// - SHIPKPI_JSON_BENCH_DOM=0: both sides without their DOM fast path.
final class ExtractorBenchmark: XCTestCase {
    /// All lines of the directory's .ndjson files in one padded buffer.
    struct Lines {
        var buffer: [UInt8] = []
        var ranges: [Range<Int>] = []

        init(directory: String, sizes: ClosedRange<Int>) throws {
            let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".ndjson") }.sorted()
            for name in names {
                let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
                var start = 0
                while start < bytes.count {
                    let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                    if end > start && sizes.contains(end - start) { ranges.append(buffer.count + start ..< buffer.count + end) }
                    start = end + 1
                }
                buffer += bytes
            }
            buffer += [UInt8](repeating: 0, count: JSONExtractor.padding)
        }
    }

    /// The fields a shape recogniser reads, resolved once.
    struct Reader {
        let s: ShipSchema
        let rootEvent: [JSONField], rootOrder: [JSONField], orderFields: [JSONField], eventFields: [JSONField]
        let package: [JSONField]
        let payload, orderInfo, data, orders, histories, guide, currentStatus, statusObj, value, packages, orderPackages, status: JSONField
        let webhook: [JSONField], statusObjFields: [JSONField], pod: [JSONField], guidePod: [JSONField], cs: [JSONField]

        init(_ s: ShipSchema) {
            self.s = s
            let event = ShipSchema.event247, order = ShipSchema.order247
            rootEvent = event.map { s[s.root, $0] }
            rootOrder = order.map { s[s.root, $0] }
            orderFields = order.map { s[s.order, $0] }
            eventFields = event.map { s[s.event, $0] }
            package = ["Length", "Width", "Height", "RealWeight"].map { s[s.package, $0] }
            payload = s[s.root, "payload"]; orderInfo = s[s.root, "OrderInfo"]; data = s[s.root, "Data"]
            orders = s[s.data, "Orders"]; histories = s[s.ordersItem, "Histories"]; guide = s[s.root, "guide"]
            currentStatus = s[s.guide, "currentStatus"]; statusObj = s[s.root, "statusObj"]; value = s[s.root, "value"]
            packages = s[s.root, "Packages"]; orderPackages = s[s.order, "Packages"]
            status = s[s.root, "Status"]
            cs = ["status", "code", "date", "time"].map { s[s.currentStatus, $0] }
            webhook = ["dateTimeISO", "dateTime", "date", "receivedAt"].map { s[s.root, $0] }
            statusObjFields = [s[s.statusObj, "id"], s[s.statusObj, "code"]]
            pod = [s[s.root, "POD"], s[s.root, "POD_B64"]]
            guidePod = [s[s.guide, "POD"], s[s.guide, "POD_B64"], s[s.guide, "format"], s[s.guide, "guideNumber"]]
        }

        @inline(__always) func sum(_ f: JSONFrame, _ fields: [JSONField]) -> Int {
            var n = 0
            for field in fields { n &+= f.text(field)?.count ?? 0 }
            return n
        }

        /// What decoding a document reads: the shape's decisive fields, then its record's fields.
        func read(_ r: JSONFrame, envelope: Bool = false) -> Int {
            if !envelope, let p = r.child(payload) { return read(p, envelope: true) }
            if r.hasDuplicateKey { return 1 }
            if let o = r.child(orderInfo) {
                var n = sum(o, orderFields)
                for p in o.elements(orderPackages) { n &+= sum(p, package) }
                return n
            }
            if let d = r.child(data) {
                var n = 0
                for o in d.elements(orders) {
                    for h in o.elements(histories) where h.isObject && !h.hasDuplicateKey { n &+= sum(h, eventFields) }
                }
                return n
            }
            if let g = r.child(guide) {
                var n = sum(g, guidePod) &+ (g.hasContent(guidePod[0]) ? 1 : 0)
                if let c = g.child(currentStatus) { n &+= sum(c, cs) }
                return n
            }
            if let so = r.child(statusObj) { return sum(so, statusObjFields) &+ sum(r, webhook) &+ (r.text(value)?.count ?? 0) }
            if !r.isMissing(status) { return sum(r, rootEvent) &+ (r.hasContent(pod[0]) || r.hasContent(pod[1]) ? 1 : 0) }
            var n = sum(r, rootOrder)
            for p in r.elements(packages) { n &+= sum(p, package) }
            return n
        }
    }

    /// The old side: parse, then read the slots the product's RecordDecoder reads.
    static let oldSlots: [Int32] = (0 ..< Int32(SKP_NSLOTS)).map { $0 }

    static func runOld(_ lines: Lines, _ parser: OpaquePointer) -> Int {
        var total = 0
        lines.buffer.withUnsafeBytes { raw in
            let base = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            for range in lines.ranges {
                // As RecordDecoder does: a document over 1 MiB gets a parser of its own.
                var p = parser
                let big = range.count > 1 << 20 ? skp_parser_create(64) : nil
                if let big { p = big }
                defer { if let big { skp_parser_destroy(big) } }
                guard skp_parse(p, base + range.lowerBound, range.count) == Int32(SKP_OK), let records = skp_records(p) else { continue }
                for i in 0 ..< skp_record_count(p) {
                    let rec = records + i
                    total &+= Int(rec.pointee.kind)
                    // Roughly the slots one record kind reads (12–16 of them).
                    for s in oldSlots.prefix(rec.pointee.kind == UInt8(SKP_K_ORDER_247) ? 26 : 14) {
                        total &+= Int(skp_slot(rec, s).pointee.len)
                    }
                }
            }
        }
        return total
    }

    static func runNew(_ lines: Lines, _ extractor: JSONExtractor, _ reader: Reader) -> Int {
        var total = 0
        lines.buffer.withUnsafeBytes { raw in
            for range in lines.ranges {
                if case .object(let root) = extractor.extract(UnsafeRawBufferPointer(rebasing: raw[range])) {
                    total &+= reader.read(root)
                }
            }
        }
        return total
    }

    func testOldDecoderVersusExtractor() {
        let env = ProcessInfo.processInfo.environment
        guard let directory = env["SHIPKPI_JSON_BENCH"] else { return }
        do {
            try Self.run(directory: directory, env: env)
        } catch {
            XCTFail("\(error)")
        }
    }

    static func run(directory: String, env: [String: String]) throws {
        let mode = env["SHIPKPI_JSON_BENCH_MODE"] ?? "both"
        let rounds = Int(env["SHIPKPI_JSON_BENCH_ROUNDS"] ?? "") ?? 5
        let sizes = (Int(env["SHIPKPI_JSON_BENCH_MIN"] ?? "") ?? 1) ... (Int(env["SHIPKPI_JSON_BENCH_MAX"] ?? "") ?? Int.max)
        let lines = try Lines(directory: directory, sizes: sizes)
        let s = try ShipSchema()
        let reader = Reader(s)
        let dom = env["SHIPKPI_JSON_BENCH_DOM"] != "0"
        let extractor = try s.extractor(dom: dom)
        guard let old = skp_parser_create(64) else { return }
        defer { skp_parser_destroy(old) }
        skp_parser_set_dom(old, dom ? 1 : 0)
        let bytes = lines.ranges.reduce(0) { $0 + $1.count }
        print("bench: \(lines.ranges.count) documents, \(bytes) bytes (\(lines.ranges.filter { $0.count > 1 << 20 }.count) over 1 MiB)")
        switch mode {
        case "old": print("bench: old checksum \(Self.runOld(lines, old))")
        case "new": print("bench: new checksum \(Self.runNew(lines, extractor, reader))")
        case "load": print("bench: loaded")
        default:
            var bestOld = Duration.seconds(1000), bestNew = Duration.seconds(1000)
            let clock = ContinuousClock()
            for _ in 0 ..< rounds {
                bestOld = min(bestOld, clock.measure { _ = Self.runOld(lines, old) })
                bestNew = min(bestNew, clock.measure { _ = Self.runNew(lines, extractor, reader) })
            }
            func ns(_ d: Duration) -> Double { Double(d.components.seconds) * 1e9 + Double(d.components.attoseconds) / 1e9 }
            let n = Double(lines.ranges.count)
            print("bench: old \(ns(bestOld) / 1e6) ms (\(ns(bestOld) / n) ns/doc), new \(ns(bestNew) / 1e6) ms (\(ns(bestNew) / n) ns/doc), new/old \(ns(bestNew) / ns(bestOld))")
        }
    }
}
