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
        case .ambiguousAmount: "A remittance Amount or Fee that reads two ways (149.000: 149 or 149,000): declare the statement's decimal and thousands separators."
        case .invalidDate: "A remittance row whose RemittedAt is not a date (yyyy-MM-dd, ISO-8601 date-time, or dd/MM/yyyy)."
        case .readError: "An input could not be read."
        }
    }

    func dataQuality(in main: HTMLNode) throws {
        let q = report.dataQuality
        let c = q.counters
        let section = try section(
            "data-quality", in: main,
            lead: "What the inputs held and what shipkpi had to set aside or repair. Nothing is dropped silently:"
                + " rejects.ndjson lists every rejected line with its file and line number, and run.json has these counts.")

        let accepted = q.quality.acceptedEvents.values.reduce(0, +)
        let duplicates = q.quality.duplicates.values.reduce(0, +)
        let overview: [(String, Int64, String)] = [
            ("Lines read", c.lines, "Lines of .ndjson/.jsonl inputs and elements of .json arrays."),
            ("Blank lines", c.blankLines, "Whitespace-only lines, skipped (not rejects)."),
            ("Envelopes", c.envelopes, "Records wrapped as {receivedAt, payload} by a webhook receiver."),
            ("Rejects", q.rejectTotal, "Lines, elements or remittance rows that could not be used (by reason below)."),
            ("Duplicates", duplicates, "Status updates seen before (same identity): the first occurrence is kept."),
            ("Filtered out", q.filteredOut, "Status updates outside --from/--to or --carrier."),
            ("Accepted status updates", accepted, "What the KPIs are computed from."),
            ("Order records", q.orderRecords, "\(carrierList(\.traits.sendsOrderRecords)) order records read (the last one per order wins)."),
            ("Remittance rows", q.remittanceRows, "Rows read from the remittance statements."),
        ]
        try table(
            in: section, caption: "What was read",
            columns: [HTMLColumn("Count"), .n("Value"), .prose("Meaning")],
            rows: overview.map { [.prose($0.0), .number($0.1), .prose($0.2)] }, rowHeader: true, cls: "data kv")

        try table(
            in: section, caption: "Records by kind",
            columns: [HTMLColumn("Kind"), HTMLColumn("Code"), .n("Records")],
            rows: report.carriers.recordKinds.enumerated().map { i, kind in
                [.prose(kind.label), .code(kind.id), .number(c.count(of: RecordKind(index: i)))]
            },
            rowHeader: true, cls: "data kv")

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
                    .text(id(carrier)), .number(q.acceptedEvents(carrier)), .number(q.duplicates(carrier)),
                    .number(q.dateFallbacks(carrier, .receivedAt)), .number(q.dateFallbacks(carrier, .asOf)),
                ]
            }, rowHeader: true)

        try doc.element("h3", text: "Rejects by reason", in: section)
        if q.rejects.isEmpty {
            try empty("No rejects.", in: section)
        } else {
            try table(
                in: section, columns: [HTMLColumn("Reason"), .n("Rejects"), .prose("What it means")],
                rows: q.rejects.map { [.code($0.reason.rawValue), .number($0.count), .prose(self.rejectMeaning($0.reason))] },
                cls: "data kv")
        }

        try doc.element("h3", text: "Unknown status codes", in: section)
        if q.unknownCodes.isEmpty {
            try empty("Every status code was in the status map.", in: section)
        } else {
            try table(
                in: section, columns: [HTMLColumn("Carrier"), HTMLColumn("Raw status code"), .n("Status updates")],
                rows: q.unknownCodes.map { [.text(self.id($0.carrier)), .code($0.code), .number($0.events)] })
            try note(
                "These updates count as UNKNOWN (an open status), so their orders stay open and appear under Needs action."
                    + " Map them with a status-map CSV row (kind,carrier,code,canonical,…) given with --status-map FILE.",
                in: section)
        }

        try doc.element("h3", text: "Inputs", in: section)
        if paths.isEmpty {
            try empty("No input files.", in: section)
        } else {
            let list = try doc.element("ol", ["class": "inputs"], in: section)
            for path in paths { try doc.element("li", ["class": "code"], text: path, in: list) }
            try note(
                "Exports in reading order, then remittance statements. Sizes and SHA-256 digests are in run.json.", in: section)
        }
    }
}
