import Foundation
import ShipKPICore

/// Reads status-map CSV files (docs/DESIGN.md "Status map") and holds the shipped default.
package enum StatusMapLoader {
    /// The shipped map, embedded so the binary works when copied alone (SPEC §2, §11). It holds
    /// only what the carriers publish: no 247Express delay codes (none are published).
    package static let defaultCSV = """
        kind,carrier,code,canonical,name,label,category,party
        status,247express,21,CREATED,DATIEPNHAN,,,
        status,247express,23,PICKED_UP,DALAYHANG,,,
        status,247express,24,IN_TRANSIT,DANGVANCHUYEN,,,
        status,247express,25,OUT_FOR_DELIVERY,DANGDIPHAT,,,
        status,247express,16,ATTEMPT_FAILED,CHOXULY,,,
        status,247express,27,RETURNING,CHOCHUYENHOAN,,,
        status,247express,30,DELIVERED,PHATTHANHCONG,,,
        status,247express,28,RETURNED,DACHUYENHOAN,,,
        status,247express,19,LOST,THATLAC,,,
        status,247express,32,CONFISCATED,TICHTHU,,,
        status,247express,18,CANCELLED,HUY,,,
        status,houndexpress,38,IN_TRANSIT,,delayed departure,OPERATIONAL_DELAY,carrier
        status,houndexpress,8,ATTEMPT_FAILED,,refused by addressee,REFUSED,recipient
        status,houndexpress,46,ATTEMPT_FAILED,NBROA,no one to receive,RECIPIENT_UNAVAILABLE,recipient
        status,houndexpress,2,DELIVERED,DLV,,,

        """

    package static let columns = ["kind", "carrier", "code", "canonical", "name", "label", "category", "party"]

    /// The default map.
    package static func defaultMap() -> StatusMap {
        // The embedded text is ours and tested; a failure here is a broken build, not bad input.
        StatusMap(rows: (try? parse(Array(defaultCSV.utf8), name: "default status map")) ?? [])
    }

    /// Parses a status-map file; any bad row is a usage error naming the file and line.
    package static func parse(_ bytes: [UInt8], name: String) throws -> [StatusMapRow] {
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
            func field(_ c: String) -> String { (record.field(index[c]!) ?? "").trimmingASCIIWhitespace() }
            let at = "\(name) line \(record.line)"
            guard let kind = StatusMapRow.Kind(rawValue: field("kind")) else {
                throw ShipKPIError.usage("\(at): kind must be status or reason")
            }
            guard let carrier = Carrier(id: field("carrier")) else {
                throw ShipKPIError.usage("\(at): carrier must be 247express or houndexpress")
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
                rows.append(StatusMapRow(kind: .status, carrier: carrier, code: code,
                                         status: StatusInfo(canonical: canonical, name: field("name"), reason: reason)))
            case .reason:
                rows.append(StatusMapRow(kind: .reason, carrier: carrier, code: code, reason: reason))
            }
        }
        return rows
    }

    /// The default map extended by `files` in order.
    package static func load(extraFiles files: [String]) throws -> StatusMap {
        var map = defaultMap()
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ShipKPIError.inputMissing("status map not found or unreadable: \(path)")
            }
            map = map.merging(try parse(Array(data), name: path))
        }
        return map
    }

    /// The map as CSV (for `shipkpi status-map`).
    package static func csv(_ map: StatusMap) -> String {
        var w = CSVWriter(bom: false)
        w.writeRow(columns.map { .raw($0) })
        for row in map.rows {
            let reason = row.status?.reason ?? row.reason
            w.writeRow([
                .raw(row.kind.rawValue), .raw(row.carrier.id), .text(row.code), .raw(row.status?.canonical.name ?? ""),
                .text(row.status?.name ?? ""), .text(reason?.label ?? ""), .raw(reason?.category.name ?? ""),
                .raw(reason.map { $0.party.name } ?? ""),
            ])
        }
        return String(decoding: w.buffer, as: UTF8.self)
    }
}
