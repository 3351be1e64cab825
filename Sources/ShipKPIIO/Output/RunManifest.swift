import ShipKPIDigest
import Foundation
import ShipKPICore

/// The program version written in run.json and by `--version`.
package let shipkpiVersion = "0.1.0"

/// `run.json`: version, as-of, arguments, inputs with size and SHA-256, counts and
/// outputs. Deterministic: no timings, keys in a fixed order, so pinned runs are byte-identical.
package enum RunManifest {
    /// A tiny ordered JSON builder (pretty-printed, 2 spaces).
    struct Builder {
        var out: [UInt8] = []
        var indent = 0
        var needsComma = [false]

        mutating func newline() {
            out.append(0x0A)
            out += Array(repeating: 0x20, count: indent * 2)
        }

        mutating func prefix(_ key: String?) {
            if needsComma[needsComma.count - 1] { out.append(UInt8(ascii: ",")) }
            needsComma[needsComma.count - 1] = true
            newline()
            if let key {
                JSONText.appendString(key, to: &out)
                out += Array(": ".utf8)
            }
        }

        mutating func open(_ key: String?, _ bracket: Character) {
            prefix(key)
            out.append(UInt8(ascii: bracket == "{" ? "{" : "["))
            indent += 1
            needsComma.append(false)
        }

        mutating func close(_ bracket: Character) {
            let hadItems = needsComma.removeLast()
            indent -= 1
            if hadItems { newline() }
            out.append(UInt8(ascii: bracket == "}" ? "}" : "]"))
        }

        mutating func string(_ key: String?, _ value: String) {
            prefix(key)
            JSONText.appendString(value, to: &out)
        }

        mutating func number(_ key: String?, _ value: Int64) {
            prefix(key)
            out += Array(String(value).utf8)
        }

        mutating func raw(_ key: String?, _ text: String) {
            prefix(key)
            out += Array(text.utf8)
        }

        /// `"key": [{…}, …]`: one object per element, its members written by `members`.
        mutating func objects<Elements: Sequence>(
            _ key: String, _ elements: Elements, _ members: (inout Builder, Elements.Element) -> Void
        ) {
            open(key, "[")
            for element in elements {
                open(nil, "{")
                members(&self, element)
                close("}")
            }
            close("]")
        }

        /// A whole document: one object, its members written by `members`, then a newline.
        static func document(_ members: (inout Builder) -> Void) -> [UInt8] {
            var b = Builder()
            b.out.append(UInt8(ascii: "{"))
            b.indent = 1
            members(&b)
            b.close("}")
            b.out.append(0x0A)
            return b.out
        }
    }

    /// run.json: the run's result (status, exit code, gates, outputs with size and SHA-256) and
    /// its manifest (settings, inputs, counts). `quality` is nil when the run failed before its
    /// tables were computed.
    static func json(
        config: RunConfiguration, read: Runner.ReadResult, quality: DataQuality?, result: RunResult,
        engine: EngineInfo = .native
    ) -> [UInt8] {
        Builder.document { b in
            b.string("tool", "shipkpi")
            b.string("version", shipkpiVersion)
            b.string("status", result.status.rawValue)
            b.number("exit_code", Int64(result.exitCode))
            if let error = result.error { b.string("error", error) }
            b.open("engine", "{")
            b.string("name", engine.name)
            if let partitions = engine.partitions { b.number("partitions", Int64(partitions)) }
            b.close("}")
            b.string("as_of", InstantFormat.utcString(config.asOf))
            b.string("as_of_given", config.asOfText)
            b.open("arguments", "[")
            for argument in config.arguments { b.string(nil, argument) }
            b.close("]")
            settings(config, into: &b)
            inputs(read, hash: config.hash, into: &b)
            gates(result.gates, into: &b)
            if let quality { counts(quality, carriers: config.carriers, into: &b) }
            outputs(result.outputs, hash: config.hash, into: &b)
        }
    }

    /// `settings`: zones, currencies, the date and carrier filters, status maps, PII and API-key
    /// switches, the gates' thresholds and the line limit.
    private static func settings(_ config: RunConfiguration, into json: inout Builder) {
        json.open("settings", "{")
        json.open("carrier_zones", "{")
        for carrier in config.carriers.all { json.string(config.carriers[carrier].id, config.carrierZones[carrier].identifier) }
        json.close("}")
        json.open("report_zones", "{")
        for carrier in config.carriers.all { json.string(config.carriers[carrier].id, config.reportZones[carrier].identifier) }
        json.close("}")
        json.open("currencies", "{")
        for carrier in config.carriers.all { json.string(config.carriers[carrier].id, config.currencies[carrier]) }
        json.close("}")
        json.raw("from", config.fromDay.map { "\"" + InstantFormat.dateString(dayNumber: Int($0)) + "\"" } ?? "null")
        json.raw("to", config.toDay.map { "\"" + InstantFormat.dateString(dayNumber: Int($0)) + "\"" } ?? "null")
        json.open("carriers", "[")
        for carrier in config.carriers.all where config.onlyCarriers.isEmpty || config.onlyCarriers.contains(carrier) {
            json.string(nil, config.carriers[carrier].id)
        }
        json.close("]")
        json.open("status_maps", "[")
        for path in config.statusMapFiles { json.string(nil, path) }
        json.close("]")
        json.raw("api_key_check", config.apiKeys == nil ? "false" : "true")
        json.raw("include_pii", config.includePII ? "true" : "false")
        json.open("gates", "{")
        let gates = config.gates
        json.number("min_events", gates.minEvents ?? Gates.defaultMinEvents)
        json.raw("max_reject_rate", gates.maxRejectRate.map { Gates.ratio($0) } ?? "null")
        json.raw("max_unknown_rate", gates.maxUnknownRate.map { Gates.ratio($0) } ?? "null")
        json.raw("max_staleness", gates.maxStaleness.map { "\"" + DurationText.text(milliseconds: $0) + "\"" } ?? "null")
        json.raw("publish_on_failure", gates.publishOnFailure == true ? "true" : "false")
        json.close("}")
        json.number("max_line_bytes", Int64(config.maxLineBytes))
        if let state = config.stateDirectory { json.string("state_dir", state) } else { json.raw("state_dir", "null") }
        json.raw("verify_state", config.verifyState ? "true" : "false")
        json.string("hash", config.hash.rawValue)
        json.close("}")
    }

    /// `inputs` (exports, then remittance statements, each with size, whether it was replayed
    /// from the state directory, and its digest under the algorithm's name: `xxh3_128` or
    /// `sha256`) and `skipped_inputs`.
    private static func inputs(_ read: Runner.ReadResult, hash: HashAlgorithm, into json: inout Builder) {
        json.open("inputs", "[")
        for (i, report) in read.reports.enumerated() {
            json.open(nil, "{")
            json.string("path", report.path)
            json.string("kind", read.inputs[i].format == .document ? "json" : "ndjson")
            json.raw("gzip", read.inputs[i].gzip ? "true" : "false")
            json.number("bytes", report.bytes)
            json.raw("reused", report.reused ? "true" : "false")
            if read.inputs[i].gzip { json.number("decompressed_bytes", report.decompressedBytes) }
            if report.splitDigests.isEmpty {
                json.string(hash.jsonKey, report.digest)
            } else {
                // Read in byte ranges by several tasks: the digest of each range, in order.
                json.open(hash.jsonKey + "_of_ranges", "[")
                for digest in report.splitDigests { json.string(nil, digest) }
                json.close("]")
            }
            json.close("}")
        }
        for report in read.remittanceReports {
            json.open(nil, "{")
            json.string("path", report.path)
            json.string("kind", "remittance_csv")
            json.number("bytes", report.bytes)
            json.raw("reused", "false")
            json.string(hash.jsonKey, report.digest)
            json.close("}")
        }
        json.close("]")
        json.objects("skipped_inputs", read.skipped) { json, skipped in
            json.string("path", skipped.path)
            json.string("reason", skipped.reason.rawValue)
        }
    }

    /// `gates`: each data-quality gate with its value, threshold and outcome.
    private static func gates(_ gates: [GateOutcome], into json: inout Builder) {
        json.objects("gates", gates) { json, gate in
            json.string("name", gate.name)
            if let value = gate.value { json.string("value", value) } else { json.raw("value", "null") }
            json.string("threshold", gate.threshold)
            json.raw("passed", gate.passed ? "true" : "false")
        }
    }

    /// `outputs`: each file written, with size and digest.
    private static func outputs(_ outputs: [OutputDigest], hash: HashAlgorithm, into json: inout Builder) {
        json.objects("outputs", outputs) { json, output in
            json.string("name", output.name)
            json.number("bytes", output.bytes)
            json.string(hash.jsonKey, output.digest)
        }
    }

    /// `counts`: lines, records by kind, accepted events, duplicates, date fallbacks, rejects by
    /// reason and unknown status codes.
    private static func counts(_ quality: DataQuality, carriers: Carriers, into json: inout Builder) {
        let counters = quality.counters
        json.open("counts", "{")
        json.number("lines", counters.lines)
        json.number("blank_lines", counters.blankLines)
        json.open("records", "{")
        for (i, kind) in carriers.recordKinds.enumerated() { json.number(kind.id, counters.count(of: RecordKind(index: i))) }
        json.number("remittance_rows", quality.remittanceRows)
        json.close("}")
        json.number("envelopes", counters.envelopes)
        json.number("filtered_out", quality.filteredOut)
        json.open("accepted_events", "{")
        for carrier in carriers.all { json.number(carriers[carrier].id, quality.acceptedEvents(carrier)) }
        json.close("}")
        json.open("duplicates", "{")
        for carrier in carriers.all { json.number(carriers[carrier].id, quality.duplicates(carrier)) }
        json.close("}")
        json.open("date_fallbacks", "{")
        for carrier in carriers.all {
            json.open(carriers[carrier].id, "{")
            json.number("received_at", quality.dateFallbacks(carrier, .receivedAt))
            json.number("as_of", quality.dateFallbacks(carrier, .asOf))
            json.close("}")
        }
        json.close("}")
        json.number("order_records", quality.orderRecords)
        json.number("rejects", quality.rejectTotal)
        json.open("rejects_by_reason", "{")
        for reject in quality.rejects { json.number(reject.reason.rawValue, reject.count) }
        json.close("}")
        json.objects("unknown_status_codes", quality.unknownCodes) { json, unknown in
            json.string("carrier", carriers[unknown.carrier].id)
            json.string("code", unknown.code)
            json.number("events", unknown.events)
        }
        json.close("}")
    }

    /// run-timings.json: how long each phase took (kept out of run.json so that runs with a
    /// pinned as-of stay byte-identical).
    static func timings(_ phases: [(name: String, seconds: Double)], total: Double) -> [UInt8] {
        Builder.document { b in
            b.raw("total_seconds", String(format: "%.3f", total))
            b.objects("phases", phases) { b, phase in
                b.string("name", phase.name)
                b.raw("seconds", String(format: "%.3f", phase.seconds))
            }
        }
    }
}
