/// A byte range inside a batch's arena.
package struct ByteRange: Sendable, Equatable {
    package var offset: UInt32
    package var count: UInt32

    package static let empty = ByteRange(offset: 0, count: 0)

    package init(offset: UInt32, count: UInt32) {
        self.offset = offset
        self.count = count
    }

    package var isEmpty: Bool { count == 0 }
}

/// Where a record came from: the input's index in the run, the 1-based line (or `.json` element
/// index) and the byte offset of the line in the (decompressed) input.
package struct SourcePosition: Sendable, Equatable {
    package var file: Int32
    package var line: Int64
    package var byteOffset: Int64

    package init(file: Int32, line: Int64, byteOffset: Int64) {
        self.file = file
        self.line = line
        self.byteOffset = byteOffset
    }
}

/// Per-event flags.
package struct EventFlags: OptionSet, Sendable, Equatable {
    package var rawValue: UInt8
    package init(rawValue: UInt8) { self.rawValue = rawValue }

    package static let hasPOD = EventFlags(rawValue: 1)
    package static let hasAttachment = EventFlags(rawValue: 2)
    package static let hasReason = EventFlags(rawValue: 4)
    /// The reason's label came from the status map (else it is the event's own DelayNotes).
    package static let reasonLabelFromMap = EventFlags(rawValue: 8)
    package static let hasFeedback = EventFlags(rawValue: 16)
    package static let hasTransactionID = EventFlags(rawValue: 32)
    /// `.hasReason` and `.reasonLabelFromMap` together (a literal would be built per event).
    package static let mappedReason = EventFlags(rawValue: 4 | 8)
}

/// One accepted status event after normalisation (SPEC §2–§4), compact and allocation-free:
/// every text field is a range in the batch arena.
package struct NormalizedEvent: Sendable, Equatable {
    package var carrier: Carrier
    package var status: CanonicalStatus
    package var dateSource: DateSource
    package var flags: EventFlags
    package var reasonCategory: ReasonCategory = .other
    package var reasonParty: Party = .unknown
    /// Offset of the reporting zone at `instant`, seconds east of UTC.
    package var localOffsetSeconds: Int32
    /// The event's instant, milliseconds since 1970-01-01T00:00:00Z.
    package var instant: Int64
    /// The local date in the reporting zone, days since 1970-01-01.
    package var localDay: Int32
    /// `RequestFeedbackCount` (247Express), valid when `flags` has `.hasFeedback`.
    package var feedback: Int32 = 0
    /// Position of the record among the batch's records (input order).
    package var ordinal: UInt32
    package var orderCode: ByteRange
    /// Hash of `orderCode` (precomputed on the worker thread; seed from `BatchSeeds`).
    package var orderHash: UInt64
    package var identity: Identity128
    package var statusCode: ByteRange
    /// Hashes of `statusCode`, `courier` and `reasonCode` with the order seed, computed on the
    /// worker thread so the sequential aggregator does not hash.
    package var statusCodeHash: UInt64 = 0
    package var courierHash: UInt64 = 0
    package var reasonCodeHash: UInt64 = 0
    package var statusName: ByteRange = .empty
    package var reasonCode: ByteRange = .empty
    package var reasonLabel: ByteRange = .empty
    package var courier: ByteRange = .empty
    package var eventID: ByteRange = .empty
    package var source: SourcePosition

    package init(
        carrier: Carrier, status: CanonicalStatus, dateSource: DateSource, flags: EventFlags,
        localOffsetSeconds: Int32, instant: Int64, localDay: Int32, ordinal: UInt32,
        orderCode: ByteRange, orderHash: UInt64, identity: Identity128, statusCode: ByteRange,
        source: SourcePosition
    ) {
        self.carrier = carrier
        self.status = status
        self.dateSource = dateSource
        self.flags = flags
        self.localOffsetSeconds = localOffsetSeconds
        self.instant = instant
        self.localDay = localDay
        self.ordinal = ordinal
        self.orderCode = orderCode
        self.orderHash = orderHash
        self.identity = identity
        self.statusCode = statusCode
        self.source = source
    }
}

/// A finding of the 247Express order checks (SPEC §6): the carrier's error code where it has one.
package struct OrderFinding: Sendable, Equatable {
    package var code: String
    package var field: String
    package var message: String

    package init(code: String, field: String, message: String) {
        self.code = code
        self.field = field
        self.message = message
    }
}

/// A 247Express order record after decoding and checking.
package struct DecodedOrderRecord: Sendable, Equatable {
    package var ordinal: UInt32
    package var orderCode: ByteRange
    package var orderHash: UInt64
    /// `CODAmount` when present and an exact, non-negative decimal; nil otherwise (see findings).
    package var cod: ExactDecimal?
    package var province: ByteRange
    package var service: ByteRange
    package var findings: [OrderFinding]
    package var source: SourcePosition

    package init(
        ordinal: UInt32, orderCode: ByteRange, orderHash: UInt64, cod: ExactDecimal?,
        province: ByteRange, service: ByteRange, findings: [OrderFinding], source: SourcePosition
    ) {
        self.ordinal = ordinal
        self.orderCode = orderCode
        self.orderHash = orderHash
        self.cod = cod
        self.province = province
        self.service = service
        self.findings = findings
        self.source = source
    }
}

/// Stable reject reason codes (SPEC §8).
package enum RejectReason: String, Sendable, CaseIterable, Comparable {
    case invalidJSON = "invalid_json"
    case invalidUTF8 = "invalid_utf8"
    case unknownShape = "unknown_shape"
    case missingOrderCode = "missing_order_code"
    case missingStatus = "missing_status"
    case tooDeep = "too_deep"
    case lineTooLong = "line_too_long"
    case truncated = "truncated"
    case corruptGzip = "corrupt_gzip"
    case untrustedAPIKey = "untrusted_api_key"
    case duplicateKey = "duplicate_key"
    case invalidCSV = "invalid_csv"
    case invalidAmount = "invalid_amount"
    case ambiguousAmount = "ambiguous_amount"
    case invalidDate = "invalid_date"
    case readError = "read_error"

    package static func < (a: RejectReason, b: RejectReason) -> Bool { a.rawValue < b.rawValue }
}

/// A rejected line, element or remittance row (SPEC §8). `detail` never contains input values.
package struct Reject: Sendable, Equatable {
    package var source: SourcePosition
    package var reason: RejectReason
    package var detail: String
    /// The line's text, redacted and cut to 1 KiB — only kept with `--include-pii`.
    package var text: [UInt8]?

    package init(source: SourcePosition, reason: RejectReason, detail: String, text: [UInt8]? = nil) {
        self.source = source
        self.reason = reason
        self.detail = detail
        self.text = text
    }
}

/// Record kinds counted in run.json.
package enum RecordKind: String, Sendable, CaseIterable {
    case event247 = "247express_status_event"
    case statusLogItem247 = "247express_status_log_item"
    case order247 = "247express_order"
    case houndStatus = "houndexpress_status_event"
    case houndWebhook = "houndexpress_webhook"
}

/// Counters a worker fills for one batch; merged in input order.
package struct BatchCounters: Sendable, Equatable {
    package var lines: Int64 = 0
    package var blankLines: Int64 = 0
    package var records: [Int64] = Array(repeating: 0, count: RecordKind.allCases.count)
    package var envelopes: Int64 = 0
    package var filteredOut: Int64 = 0
    package var bytes: Int64 = 0

    package init() {}

    package mutating func add(_ other: BatchCounters) {
        lines += other.lines
        blankLines += other.blankLines
        for i in records.indices { records[i] += other.records[i] }
        envelopes += other.envelopes
        filteredOut += other.filteredOut
        bytes += other.bytes
    }

    package mutating func count(_ kind: RecordKind) {
        records[RecordKind.allCases.firstIndex(of: kind)!] += 1
    }

    package func count(of kind: RecordKind) -> Int64 {
        records[RecordKind.allCases.firstIndex(of: kind)!]
    }
}

/// What one worker made of one batch of input: events, order records and rejects in input order,
/// their text in `arena`. `recordCount` ordinals were used (events and orders share them).
package struct EventBatch: Sendable, Equatable {
    package var arena: [UInt8] = []
    package var events: [NormalizedEvent] = []
    package var orders: [DecodedOrderRecord] = []
    package var rejects: [Reject] = []
    package var recordCount: UInt32 = 0
    package var counters = BatchCounters()

    package init() {}

    /// Empties the batch, keeping its arrays' capacity for reuse.
    package mutating func reset() {
        arena.removeAll(keepingCapacity: true)
        events.removeAll(keepingCapacity: true)
        orders.removeAll(keepingCapacity: true)
        rejects.removeAll(keepingCapacity: true)
        recordCount = 0
        counters = BatchCounters()
    }

    /// Appends bytes to the arena and returns their range.
    @inline(__always)
    package mutating func store(_ bytes: UnsafeRawBufferPointer) -> ByteRange {
        let offset = UInt32(arena.count)
        arena.append(contentsOf: bytes)
        return ByteRange(offset: offset, count: UInt32(bytes.count))
    }

    package mutating func store(_ string: String) -> ByteRange {
        let offset = UInt32(arena.count)
        arena.append(contentsOf: string.utf8)
        return ByteRange(offset: offset, count: UInt32(arena.count) - offset)
    }

    package func string(_ range: ByteRange) -> String {
        String(decoding: arena[Int(range.offset) ..< Int(range.offset + range.count)], as: UTF8.self)
    }
}
