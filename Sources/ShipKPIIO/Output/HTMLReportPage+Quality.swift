import ShipKPICore
import ShipKPIXML

/// The data-quality section of report.html: what was read, what was rejected and why, what was
/// repaired (date fallbacks) or left unexplained (unknown status codes), and from which files.
extension HTMLReportPage {
    /// What each reject reason code means, for the person who has to fix the export.
    func rejectMeaning(_ reason: RejectReason) -> String {
        switch reason {
        case .invalidJSON:
            "Not valid JSON: a syntax error such as a missing comma or quote, or a raw control character inside a string."
        case .invalidUTF8: "The line is not valid UTF-8 text (wrong encoding or damaged bytes)."
        case .unknownShape: "Valid JSON, but not a record shipkpi knows (not a status update, order record or status log)."
        case .missingOrderCode: "A record (or remittance row) without its order code, so it cannot be attributed to an order."
        case .missingStatus: "A status update without a status code."
        case .tooDeep: "The JSON is nested deeper than the fixed limit."
        case .lineTooLong: "The line is longer than --max-line-bytes; it was skipped unread."
        case .truncated: "The last line of a file stops mid-record: the export was cut (a crash or an interrupted copy)."
        case .corruptGzip: "The compressed data of a .gz file is damaged; what decompressed before the damage was kept."
        case .untrustedAPIKey: "A \(carrierList(\.checksWebhookAPIKey)) update whose ApiKey is missing or not in the accepted list (--api-keys)."
        case .duplicateKey: "The same field appears twice in one record, so two readers could disagree on its meaning."
        case .invalidCSV: "A remittance-statement row that is not valid CSV."
        case .invalidAmount: "A remittance row whose Amount or Fee is not an exact, non-negative amount in the statement's currency (e.g. -500, 1.5 VND)."
        case .ambiguousAmount:
            "A remittance Amount or Fee that reads two ways (149.000: 149 or 149,000): declare the statement's decimal and thousands separators."
        case .invalidDate: "A remittance row whose RemittedAt is not a date (yyyy-MM-dd, ISO-8601 date-time, or dd/MM/yyyy)."
        case .readError: "An input could not be read."
        }
    }

    /// The data-quality section: the counts of what was read, records by kind, per-carrier
    /// figures, rejects by reason, unknown status codes and the inputs.
    func dataQuality(in main: HTMLNode) throws {
        let section = try section(
            "data-quality", in: main,
            lead: "What the inputs held and what shipkpi had to set aside or repair. Nothing is dropped silently:"
                + " rejects.ndjson lists every rejected line with its file and line number, and run.json has these counts.")
        try readOverview(in: section)
        try recordsByKind(in: section)
        try qualityPerCarrier(in: section)
        try rejectsByReason(in: section)
        try unknownStatusCodes(in: section)
        try inputList(in: section)
    }

    /// The "What was read" table: lines, blank lines, envelopes, rejects, duplicates, filtered-out
    /// and accepted status updates, order records and remittance rows.
    private func readOverview(in section: HTMLNode) throws {
        let quality = report.dataQuality
        let counters = quality.counters
        let accepted = quality.quality.acceptedEvents.values.reduce(0, +)
        let duplicates = quality.quality.duplicates.values.reduce(0, +)
        let overview: [(label: String, value: Int64, meaning: String)] = [
            ("Lines read", counters.lines, "Lines of .ndjson/.jsonl inputs and elements of .json arrays."),
            ("Blank lines", counters.blankLines, "Whitespace-only lines, skipped (not rejects)."),
            ("Envelopes", counters.envelopes, "Records wrapped as {receivedAt, payload} by a webhook receiver."),
            ("Rejects", quality.rejectTotal, "Lines, elements or remittance rows that could not be used (by reason below)."),
            ("Duplicates", duplicates, "Status updates seen before (same identity): the first occurrence is kept."),
            ("Filtered out", quality.filteredOut, "Status updates outside --from/--to or --carrier."),
            ("Accepted status updates", accepted, "What the KPIs are computed from."),
            (
                "Order records", quality.orderRecords,
                "\(carrierList(\.traits.sendsOrderRecords)) order records read (the last one per order wins)."
            ),
            ("Remittance rows", quality.remittanceRows, "Rows read from the remittance statements."),
        ]
        try table(
            in: section, caption: "What was read",
            columns: [HTMLColumn("Count"), .n("Value"), .prose("Meaning")],
            rows: overview.map { [.prose($0.label), .number($0.value), .prose($0.meaning)] }, rowHeader: true, cls: "data kv")
    }

    /// The "Records by kind" table: how many records of each kind the carriers' profiles declare.
    private func recordsByKind(in section: HTMLNode) throws {
        let counters = report.dataQuality.counters
        try table(
            in: section, caption: "Records by kind",
            columns: [HTMLColumn("Kind"), HTMLColumn("Code"), .n("Records")],
            rows: report.carriers.recordKinds.enumerated().map { i, kind in
                [.prose(kind.label), .code(kind.id), .number(counters.count(of: RecordKind(index: i)))]
            },
            rowHeader: true, cls: "data kv")
    }

    /// The "Per carrier" table: accepted status updates, duplicates and date fallbacks.
    private func qualityPerCarrier(in section: HTMLNode) throws {
        let quality = report.dataQuality
        try table(
            in: section, caption: "Per carrier",
            columns: [
                HTMLColumn("Carrier"), .n("Accepted status updates"),
                .n("Duplicates", help: "Repeated status updates removed (re-exports that overlap never double-count)."),
                .n(
                    "Date from receivedAt",
                    help: "Updates whose own date was missing or unparseable: the envelope's receivedAt was used."),
                .n("Date from as-of", help: "Updates with no usable date and no envelope: the run's as-of instant was used."),
            ],
            rows: report.carriers.all.map { carrier in
                return [
                    .text(id(carrier)), .number(quality.acceptedEvents(carrier)), .number(quality.duplicates(carrier)),
                    .number(quality.dateFallbacks(carrier, .receivedAt)), .number(quality.dateFallbacks(carrier, .asOf)),
                ]
            }, rowHeader: true)
    }

    /// Rejects by reason, each with what it means.
    private func rejectsByReason(in section: HTMLNode) throws {
        let rejects = report.dataQuality.rejects
        try doc.element("h3", text: "Rejects by reason", in: section)
        guard !rejects.isEmpty else { return try empty("No rejects.", in: section) }
        try table(
            in: section, columns: [HTMLColumn("Reason"), .n("Rejects"), .prose("What it means")],
            rows: rejects.map { [.code($0.reason.rawValue), .number($0.count), .prose(self.rejectMeaning($0.reason))] },
            cls: "data kv")
    }

    /// Status codes the status map does not know, and how to map them.
    private func unknownStatusCodes(in section: HTMLNode) throws {
        let unknownCodes = report.dataQuality.unknownCodes
        try doc.element("h3", text: "Unknown status codes", in: section)
        guard !unknownCodes.isEmpty else { return try empty("Every status code was in the status map.", in: section) }
        try table(
            in: section, columns: [HTMLColumn("Carrier"), HTMLColumn("Raw status code"), .n("Status updates")],
            rows: unknownCodes.map { [.text(self.id($0.carrier)), .code($0.code), .number($0.events)] })
        try note(
            "These updates count as UNKNOWN (an open status), so their orders stay open and appear under Needs action."
                + " Map them with a status-map CSV row (kind,carrier,code,canonical,…) given with --status-map FILE.",
            in: section)
    }

    /// The input files in reading order.
    private func inputList(in section: HTMLNode) throws {
        try doc.element("h3", text: "Inputs", in: section)
        guard !paths.isEmpty else { return try empty("No input files.", in: section) }
        let list = try doc.element("ol", ["class": "inputs"], in: section)
        for path in paths { try doc.element("li", ["class": "code"], text: path, in: list) }
        try note(
            "Exports in reading order, then remittance statements. Sizes and SHA-256 digests are in run.json.", in: section)
    }
}
