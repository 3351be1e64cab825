import Foundation
import ShipKPICore

/// Reads status-map CSV files and builds the run's map: the carriers' shipped codes (from their
/// profiles), extended or overridden by the files in order.
package enum StatusMapLoader {
    package static let columns = ["kind", "carrier", "code", "canonical", "name", "label", "category", "party"]

    /// The shipped map of `registry`'s carriers.
    package static func defaultMap(_ registry: CarrierRegistry = .standard) -> StatusMap {
        StatusMap(carriers: registry.carriers.count, rows: registry.shippedRows)
    }

    /// Parses a status-map file; any bad row is a usage error naming the file and line.
    package static func parse(_ bytes: [UInt8], name: String, registry: CarrierRegistry) throws -> [StatusMapRow] {
        var reader = CSVReader(bytes)
        guard let first = reader.next() else { throw ShipKPIError.usage("\(name): empty status map (expected the header \(columns.joined(separator: ",")))") }
        let header: CSVHeader
        switch first {
        case .success(let record): header = CSVHeader(record)
        case .failure(let error): throw ShipKPIError.usage("\(name): \(error)")
        }
        var index: [String: Int] = [:]
        for column in columns {
            guard let i = header.index(of: column) else {
                throw ShipKPIError.usage("\(name): missing column \"\(column)\" (expected \(columns.joined(separator: ",")))")
            }
            index[column] = i
        }
        var rows: [StatusMapRow] = []
        while let next = reader.next() {
            let record: CSVRecord
            switch next {
            case .success(let r): record = r
            case .failure(let error): throw ShipKPIError.usage("\(name): \(error)")
            }
            func field(_ column: String) -> String { (record.field(index[column]!) ?? "").trimmingASCIIWhitespace() }
            let at = "\(name) line \(record.line)"
            guard let kind = StatusMapRow.Kind(rawValue: field("kind")) else {
                throw ShipKPIError.usage("\(at): kind must be status or reason")
            }
            guard let carrier = registry.carrier(id: field("carrier")) else {
                throw ShipKPIError.usage("\(at): carrier must be \(registry.idList)")
            }
            let code = field("code")
            guard !code.isEmpty else { throw ShipKPIError.usage("\(at): code is empty") }
            var reason: ReasonInfo?
            if !field("category").isEmpty || kind == .reason {
                guard let category = ReasonCategory(name: field("category")) else {
                    throw ShipKPIError.usage("\(at): category must be one of \(ReasonCategory.allCases.map(\.name).joined(separator: ", "))")
                }
                let partyName = field("party").isEmpty ? "unknown" : field("party")
                guard let party = Party(name: partyName) else {
                    throw ShipKPIError.usage("\(at): party must be one of \(Party.allCases.map(\.name).joined(separator: ", "))")
                }
                reason = ReasonInfo(label: field("label"), category: category, party: party)
            }
            switch kind {
            case .status:
                guard let canonical = CanonicalStatus(name: field("canonical")) else {
                    throw ShipKPIError.usage("\(at): canonical must be one of \(CanonicalStatus.allCases.map(\.name).joined(separator: ", "))")
                }
                rows.append(
                    StatusMapRow(
                        kind: .status, carrier: carrier, code: code,
                        status: StatusInfo(canonical: canonical, name: field("name"), reason: reason)))
            case .reason:
                rows.append(StatusMapRow(kind: .reason, carrier: carrier, code: code, reason: reason))
            }
        }
        return rows
    }

    /// The default map extended by `files` in order.
    package static func load(registry: CarrierRegistry, extraFiles files: [String]) throws -> StatusMap {
        var map = defaultMap(registry)
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ShipKPIError.inputMissing("status map not found or unreadable: \(path)")
            }
            map = map.merging(try parse(Array(data), name: path, registry: registry))
        }
        return map
    }

    /// The map as CSV (for `shipkpi status-map`).
    package static func csv(_ map: StatusMap, registry: CarrierRegistry) -> String {
        var w = CSVWriter(bom: false)
        w.writeRow(columns.map { .raw($0) })
        for row in map.rows {
            let reason = row.status?.reason ?? row.reason
            w.writeRow([
                .raw(row.kind.rawValue), .raw(registry.carriers[row.carrier].id), .text(row.code), .raw(row.status?.canonical.name ?? ""),
                .text(row.status?.name ?? ""), .text(reason?.label ?? ""), .raw(reason?.category.name ?? ""),
                .raw(reason.map { $0.party.name } ?? ""),
            ])
        }
        return String(decoding: w.buffer, as: UTF8.self)
    }
}
