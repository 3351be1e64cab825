import Foundation
import ShipKPICore
import ShipKPIDigest
import ShipKPIXML

/// The report's stages as separate steps over files, for a distributed run (Spark runs them as
/// tasks; see `spark/shipkpi_spark.py`):
///
/// 1. **map** one split (a whole input, or a byte range of a plain NDJSON file) into a meta file
///    (counts, rejects, a sample of order keys) and a records file (the mapped records);
/// 2. **bounds**: cut the order-key space into ranges of about equal size, from the samples;
/// 3. **partition** a records file into one file per order-key range;
/// 4. **fold** every records file of one range (in split order) into a fold result: its
///    ``Partial``, its lead times and its rendered per-order rows;
/// 5. **merge** the metas and the fold results (in range order) into the report set.
///
/// Each step is a pure function of its input files and the run's options: a task that fails and
/// is retried writes the same bytes (with the same binary). Nothing is written in hash order, which
/// changes from process to process: JSON sections have their keys sorted and their dictionaries in
/// key order (``json(_:)``, ``SortedByKey``), key samples are sorted. The rules live in the same code `report` runs in one process
/// (``RecordDecoder``, ``OrderFold``, ``ReportTables`` and the renderers); these functions only
/// move their values through stage files (``StageFile``).
package enum StageCommands {
    /// Keys kept in a split's sample: those whose (fixed-seed) hash is 0 modulo this.
    static let sampleEvery: UInt64 = 16

    // MARK: - Map

    /// Maps split `id` of `plan`; returns the meta file and the records file.
    /// `localCopy`: a copy of the split's input to read instead of its path (a remote input the
    /// task fetched); rejects and reports still name the input's path.
    package static func map(
        plan: SplitPlan, split id: Int, options: DecodeOptions, columns: RemittanceColumns,
        maxLineBytes: Int, localCopy: String? = nil
    ) throws -> (meta: [UInt8], records: [UInt8]) {
        guard let split = plan.splits.first(where: { $0.id == id }) else { throw ShipKPIError.usage("the plan has no split \(id)") }
        var tally = SplitTally(split: id)
        let report: InputReport
        if let statement = split.remittance {
            report = try mapStatement(
                statement, of: split, plan: plan, options: options, columns: columns, localCopy: localCopy, into: &tally)
        } else {
            report = try mapExport(split, plan: plan, options: options, maxLineBytes: maxLineBytes, localCopy: localCopy, into: &tally)
        }
        return (try tally.metaFile(split: split, report: report, hash: options.hash), tally.records.finish())
    }

    /// What a map task collects from the batches of its split: the records file, the key sample,
    /// rejects and counts.
    private struct SplitTally {
        let split: Int
        var records = StageFile.Writer(kind: .mappedSplit)
        var sample = Set<StageCodec.OrderKey>()
        var rejects: [Reject] = []
        var counters = BatchCounters()
        var rejectCounts: [RejectReason: Int64] = [:]
        /// The first bytes of the input (from the unit that starts it).
        var head: [UInt8] = []

        init(split: Int) { self.split = split }

        /// Counts a batch, samples its order keys and appends it to the records file.
        mutating func take(_ batch: EventBatch) {
            counters.add(batch.counters)
            for reject in batch.rejects { rejectCounts[reject.reason, default: 0] += 1 }
            rejects += batch.rejects
            for i in batch.events.indices { offer(batch.eventKey(i)) }
            for i in batch.orders.indices { offer(batch.orderKey(i)) }
            for i in batch.remittances.indices { offer(batch.remittanceKey(i)) }
            var payload: [UInt8] = []
            append32(&payload, UInt32(split))
            payload += StageCodec.encodeBatch(batch)
            records.section(.records, payload)
        }

        /// Keeps `key` in the sample when its (fixed-seed) hash is 0 modulo ``sampleEvery``.
        private mutating func offer(_ key: StageCodec.OrderKey) {
            let h = key.code.withUnsafeBytes { ByteHash.hash($0, seed: 0x5A4D_504C_4500 | UInt64(key.carrier.rawValue)) }
            if h % sampleEvery == 0 { sample.insert(key) }
        }

        /// The meta file: the split's meta, its rejects and its key sample.
        func metaFile(split: SplitPlan.Split, report: InputReport, hash: HashAlgorithm) throws -> [UInt8] {
            var metaFile = StageFile.Writer(kind: .mappedSplit)
            let meta = SplitMeta(
                split: self.split, input: split.input, lines: counters.lines, rawBytes: report.bytes,
                decompressedBytes: report.decompressedBytes, digest: report.digest, hash: hash, counters: counters, rejects: rejectCounts,
                records: counters.totalRecords, rejected: Int64(rejects.count), head: head)
            metaFile.section(.meta, try StageCommands.json(meta))
            metaFile.section(.rejects, StageCodec.encodeRejects(rejects))
            metaFile.section(.keySample, StageCodec.encodeKeys(sample.sorted()))
            return metaFile.finish()
        }
    }

    /// Maps a remittance statement (the plan's statement number `statement`) as one batch.
    private static func mapStatement(
        _ statement: Int, of split: SplitPlan.Split, plan: SplitPlan, options: DecodeOptions, columns: RemittanceColumns,
        localCopy: String?, into tally: inout SplitTally
    ) throws -> InputReport {
        let path = plan.remittances[statement]
        let loaded = try RemittanceLoader.load(
            path: localCopy ?? path, fileIndex: Int32(statement), rejectFileIndex: split.input,
            carrier: try options.remittanceCarrier(), columns: columns, hash: options.hash)
        var batch = EventBatch()
        batch.remittances = loaded.rows
        batch.rejects = loaded.rejects
        batch.counters.remittanceRows = Int64(loaded.rows.count)
        tally.take(batch)
        return InputReport(path: path, bytes: loaded.bytes, digest: loaded.digest, decompressedBytes: loaded.bytes)
    }

    /// Maps an export split (a whole input or a byte range of one) unit by unit, as `report` reads it.
    private static func mapExport(
        _ split: SplitPlan.Split, plan: SplitPlan, options: DecodeOptions, maxLineBytes: Int, localCopy: String?,
        into tally: inout SplitTally
    ) throws -> InputReport {
        var file = plan.inputFiles[Int(split.input)]
        if let localCopy { file.path = localCopy }
        let chunkSize = 2 << 20
        var reader = ChunkReader(file: file, index: split.input, chunkSize: chunkSize, maxLineBytes: maxLineBytes, hash: options.hash)
        if let start = split.start, let end = split.end { reader.range = start ..< end }
        // Chunk buffers and batches are reused, as in `report`'s pipeline: fresh ones cost a page
        // fault per 4 KiB in every task (half of a map task's time was the kernel's).
        let recycler = Recycler(limit: 2, slotSize: chunkSize + chunkSize / 8 + ChunkReader.padding)
        reader.allocate = { recycler.buffer(count: $0) }
        reader.reuse = { recycler.give($0) }
        let decoder = try RecordDecoder(options: options)
        var numbering = LineNumbering()
        var report = try reader.run(
            emit: { unit in
                var batch = UnitDecoder.decode(unit, decoder: decoder, maxLineBytes: maxLineBytes, into: recycler.batch())
                numbering.resolve(unit, in: &batch)
                if !unit.head.isEmpty { tally.head = unit.head }
                tally.take(batch)
                recycler.give(consume batch)
                recycler.give(unit.buffer)
            }, progress: { _ in })
        report.path = plan.inputs[Int(split.input)].path
        return report
    }

    /// A split's meta, rejects and key sample, read back from its meta file.
    package static func readMeta(
        _ file: UnsafeRawBufferPointer, carriers: Carriers
    ) throws
        -> (meta: SplitMeta, rejects: [Reject], sample: [StageCodec.OrderKey])
    {
        var meta: SplitMeta?
        var rejects: [Reject] = []
        var sample: [StageCodec.OrderKey] = []
        for (tag, payload) in try StageFile.sections(file, kind: .mappedSplit) {
            switch StageFile.Tag(rawValue: tag) {
            case .meta: meta = try JSONDecoder().decode(SplitMeta.self, from: Data(payload))
            case .rejects: rejects = try StageCodec.decodeRejects(payload)
            case .keySample: sample = try StageCodec.decodeKeys(payload, carriers: carriers.count)
            default: break
            }
        }
        guard let meta else { throw StageFile.Failure.malformed }
        return (meta, rejects, sample)
    }

    // MARK: - Bounds and partitions

    /// `partitions − 1` order keys cutting the samples into ranges of about equal size.
    package static func bounds(samples: [StageCodec.OrderKey], partitions: Int) -> [StageCodec.OrderKey] {
        let keys = Array(Set(samples)).sorted()
        guard partitions > 1, !keys.isEmpty else { return [] }
        var out: [StageCodec.OrderKey] = []
        for p in 1 ..< partitions {
            let key = keys[min(keys.count - 1, p * keys.count / partitions)]
            if out.last != key { out.append(key) }
        }
        return out
    }

    /// The range an order key falls in: the number of bounds at or below it.
    static func partition(of key: StageCodec.OrderKey, bounds: [StageCodec.OrderKey]) -> Int {
        bounds.partitioningIndex { key < $0 }
    }

    /// Cuts a records file into one file per order-key range (only the ranges that get records).
    package static func partition(
        records file: UnsafeRawBufferPointer, bounds: [StageCodec.OrderKey], carriers: Carriers
    ) throws
        -> [(partition: Int, file: [UInt8])]
    {
        var writers: [Int: StageFile.Writer] = [:]
        for (tag, payload) in try StageFile.sections(file, kind: .mappedSplit) where tag == StageFile.Tag.records.rawValue {
            guard payload.count >= 4 else { throw StageFile.Failure.malformed }
            let split = read32(payload, at: 0)
            let batch = try StageCodec.decodeBatch(UnsafeRawBufferPointer(rebasing: payload[4...]), carriers: carriers.count)
            var events: [Int: [Int]] = [:], orders: [Int: [Int]] = [:], remittances: [Int: [Int]] = [:]
            for i in batch.events.indices { events[partition(of: batch.eventKey(i), bounds: bounds), default: []].append(i) }
            for i in batch.orders.indices { orders[partition(of: batch.orderKey(i), bounds: bounds), default: []].append(i) }
            for i in batch.remittances.indices { remittances[partition(of: batch.remittanceKey(i), bounds: bounds), default: []].append(i) }
            for p in Set(events.keys).union(orders.keys).union(remittances.keys).sorted() {
                var part = EventBatch()
                part.append(from: batch, events: events[p] ?? [], orders: orders[p] ?? [], remittances: remittances[p] ?? [])
                var section: [UInt8] = []
                append32(&section, split)
                section += StageCodec.encodeBatch(part)
                writers[p, default: StageFile.Writer(kind: .partitioned)].section(.records, section)
            }
        }
        return writers.keys.sorted().map { p in
            var w = writers[p]!
            return (p, w.finish())
        }
    }

    // MARK: - Fold

    /// Folds the records files of one order-key range (each a `partitioned` or `mappedSplit`
    /// stage file; their sections are folded in split order) and renders the range's rows.
    package static func fold(_ files: [UnsafeRawBufferPointer], settings: FoldSettings, remittancePaths: [String]) throws -> [UInt8] {
        var sections: [(split: UInt32, order: Int, payload: UnsafeRawBufferPointer)] = []
        for file in files {
            let kind = file.count >= 16 ? read32(file, at: 12) : 0
            let parsed = try StageFile.sections(file, kind: kind == StageFile.Kind.partitioned.rawValue ? .partitioned : .mappedSplit)
            for (tag, payload) in parsed where tag == StageFile.Tag.records.rawValue {
                guard payload.count >= 4 else { throw StageFile.Failure.malformed }
                sections.append((read32(payload, at: 0), sections.count, UnsafeRawBufferPointer(rebasing: payload[4...])))
            }
        }
        // Splits in order; the sections of one split in the order they were written.
        sections.sort { ($0.split, $0.order) < ($1.split, $1.order) }
        let result = try StagedReport.compute(settings: settings) { emit in
            for section in sections { try emit(try StageCodec.decodeBatch(section.payload, carriers: settings.carriers.count)) }
        }
        let rows = FoldedRows(folds: [result.fold], carriers: settings.carriers, currencies: settings.currencies, remittancePaths: remittancePaths)
        var w = StageFile.Writer(kind: .foldResult)
        w.section(.partial, try json(result.fold.partial))
        w.section(.leadTimes, StageCodec.encodeLeadTimes(result.fold.leadTimes))
        w.section(.ordersCSV, try csv(rows.writeOrdersCSV))
        w.section(.codCSV, try csv(rows.writeCODCSV))
        w.section(.checksCSV, try csv(rows.writeChecksCSV))
        w.section(.ordersXML, try xml(depth: PerOrderXML.ordersDepth, rows.writeOrdersXML))
        w.section(.codXML, try xml(depth: PerOrderXML.codDepth, rows.writeCODXML))
        w.section(.checksXML, try xml(depth: PerOrderXML.checksDepth, rows.writeChecksXML))
        return w.finish()
    }

    /// A stage file's JSON section: the same value gives the same bytes in every process (keys
    /// sorted; dictionaries with other keys than strings are ``SortedByKey``).
    static func json(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(value))
    }

    private static func csv(_ write: (inout CSVWriter, CSVReports.Sink) throws -> Void) throws -> [UInt8] {
        var writer = CSVWriter(bom: false)
        try write(&writer) { _ in }
        return writer.buffer
    }

    private static func xml(depth: Int, _ write: (XMLStreamWriter) throws -> Void) throws -> [UInt8] {
        let writer = try XMLStreamWriter.fragment(depth: depth)
        try write(writer)
        return try writer.bytes()
    }
}
