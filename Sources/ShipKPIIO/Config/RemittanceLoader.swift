import Foundation
import ShipKPICore

/// Reads remittance statements (SPEC §6) with the RFC 4180 reader; bad rows become rejects.
package enum RemittanceLoader {
    /// Rows and rejects of one file. `fileIndex` is the file's index among the remittance files
    /// (rows) and `rejectFileIndex` its index in rejects.ndjson's path list.
    package static func load(path: String, fileIndex: Int32, rejectFileIndex: Int32, carrier: Carrier, columns: RemittanceColumns) throws
        -> (rows: [RemittanceRow], rejects: [Reject], bytes: Int64, sha256: String)
    {
        let source = try FileByteSource(path: path)
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { break }
            data += chunk[0 ..< n]
        }
        let (rows, rejects) = try parse(data, name: path, fileIndex: fileIndex, rejectFileIndex: rejectFileIndex, carrier: carrier, columns: columns)
        return (rows, rejects, source.rawBytes, source.sha256Hex())
    }

    /// Rows and rejects of one statement's bytes; `name` labels usage errors (a bad header).
    package static func parse(_ data: [UInt8], name: String, fileIndex: Int32, rejectFileIndex: Int32, carrier: Carrier,
                              columns: RemittanceColumns)
        throws -> (rows: [RemittanceRow], rejects: [Reject])
    {
        var reader = CSVReader(data)
        var rows: [RemittanceRow] = []
        var rejects: [Reject] = []
        func reject(_ line: Int, _ offset: Int, _ reason: RejectReason, _ detail: String) {
            rejects.append(Reject(source: SourcePosition(file: rejectFileIndex, line: Int64(line), byteOffset: Int64(offset)),
                                  reason: reason, detail: detail))
        }
        guard let first = reader.next() else {
            throw ShipKPIError.usage("\(name): the remittance statement is empty (no header row)")
        }
        guard case .success(let headerRecord) = first else {
            throw ShipKPIError.usage("\(name): the header row is not valid CSV")
        }
        let layout = columns.layout
        if let problem = layout?.problem {
            throw ShipKPIError.usage("\(name): remittance layout: \(problem)")
        }
        let header = CSVHeader(headerRecord)
        guard let codeCol = header.index(of: columns.orderCode), let amountCol = header.index(of: columns.amount) else {
            throw ShipKPIError.usage("\(name): the header must name the columns \(columns.orderCode) and \(columns.amount) (declare the statement's column names if it uses others)")
        }
        let atCol = header.index(of: columns.remittedAt)
        let feeCol = header.index(of: columns.fee)
        let refCol = header.index(of: columns.reference)
        while let next = reader.next() {
            let record: CSVRecord
            switch next {
            case .failure(let e):
                reject(e.line, e.byteOffset, .invalidCSV, e.description)
                continue
            case .success(let r): record = r
            }
            func field(_ i: Int?) -> String { i.flatMap { record.field($0) }?.trimmingASCIIWhitespace() ?? "" }
            let code = field(codeCol)
            guard !code.isEmpty else {
                reject(record.line, record.byteOffset, .missingOrderCode, "\(columns.orderCode) is empty")
                continue
            }
            // The amount of a cell, or nil after rejecting the row.
            func parseAmount(_ text: String, column: String) -> ExactDecimal? {
                let result = MoneyParsing.statementAmount(text, currency: columns.currency, layout: layout)
                if case .value(let v) = result { return v }
                let (reason, detail) = Self.rejection(result, column: column, columns: columns, layout: layout)
                reject(record.line, record.byteOffset, reason, detail)
                return nil
            }
            guard let amount = parseAmount(field(amountCol), column: columns.amount) else { continue }
            var fee: ExactDecimal?
            let feeText = field(feeCol)
            if !feeText.isEmpty {
                guard let f = parseAmount(feeText, column: columns.fee) else { continue }
                fee = f
            }
            let remittedAt = field(atCol)
            if !remittedAt.isEmpty && !MoneyParsing.isRemittanceDate(remittedAt) {
                reject(record.line, record.byteOffset, .invalidDate,
                       "\(columns.remittedAt) is not a date (yyyy-MM-dd, yyyy-MM-dd HH:mm[:ss] with an optional offset, or dd/MM/yyyy [HH:mm[:ss]])")
                continue
            }
            rows.append(RemittanceRow(
                carrier: carrier, orderCode: code, amount: amount, fee: fee, remittedAt: remittedAt, reference: field(refCol),
                source: SourcePosition(file: fileIndex, line: Int64(record.line), byteOffset: Int64(record.byteOffset))))
        }
        return (rows, rejects)
    }

    /// The reject of an unusable amount: reason and a detail that names the column, never the value.
    static func rejection(_ result: MoneyParsing.StatementAmount, column: String, columns: RemittanceColumns,
                          layout: AmountLayout?) -> (RejectReason, String) {
        let currency = columns.currency
        switch result {
        case .ambiguous:
            let decimals = CurrencyExponent.digits(currency)
            return (.ambiguousAmount,
                    "\(column) is ambiguous: its '.' or ',' may separate decimals or thousands (\(currency) has \(decimals) decimals); "
                        + "declare the statement's separators with --remittance-columns decimal=...,thousands=... "
                        + "or decimal = / thousands = in the config file's [remittance] section")
        case .tooManyDecimals:
            return (.invalidAmount, "\(column) has more decimals than \(currency) has (\(CurrencyExponent.digits(currency)))")
        case .notExact:
            return (.invalidAmount, "\(column) cannot be represented exactly (at most 24 integer digits and 12 decimals)")
        case .notANumber:
            guard let layout else { return (.invalidAmount, "\(column) is not an exact, non-negative decimal number") }
            return (.invalidAmount,
                    "\(column) is not a number in the declared layout (decimal \(layout.decimal.rawValue), thousands \(layout.thousands.rawValue))")
        case .negative, .value:
            return (.invalidAmount, "\(column) is not an exact, non-negative decimal number")
        }
    }
}
