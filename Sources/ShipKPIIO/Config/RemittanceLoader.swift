import Foundation
import ShipKPICore
import ShipKPIDigest

/// Reads remittance statements (SPEC §6) with the RFC 4180 reader; bad rows become rejects.
package enum RemittanceLoader {
    /// Rows and rejects of one file. `fileIndex` is the file's index among the remittance files
    /// (rows) and `rejectFileIndex` its index in rejects.ndjson's path list.
    package static func load(
        path: String, fileIndex: Int32, rejectFileIndex: Int32, carrier: Carrier, columns: RemittanceColumns, hash: HashAlgorithm
    ) throws
        -> (rows: [RemittanceRow], rejects: [Reject], bytes: Int64, digest: String)
    {
        let source = try FileByteSource(path: path, hash: hash)
        let data = try source.readAll()
        let (rows, rejects) = try parse(data, name: path, fileIndex: fileIndex, rejectFileIndex: rejectFileIndex, carrier: carrier, columns: columns)
        return (rows, rejects, source.rawBytes, source.digestHex())
    }

    /// Rows and rejects of one statement's bytes; `name` labels usage errors (a bad header).
    package static func parse(
        _ data: [UInt8], name: String, fileIndex: Int32, rejectFileIndex: Int32, carrier: Carrier,
        columns: RemittanceColumns
    )
        throws -> (rows: [RemittanceRow], rejects: [Reject])
    {
        var reader = CSVReader(data)
        var rows: [RemittanceRow] = []
        var rejects: [Reject] = []
        func reject(line: Int, offset: Int, reason: RejectReason, detail: String) {
            rejects.append(
                Reject(
                    source: SourcePosition(file: rejectFileIndex, line: Int64(line), byteOffset: Int64(offset)),
                    reason: reason, detail: detail))
        }
        let positions = try readHeader(&reader, name: name, columns: columns)
        let layout = columns.layout
        while let next = reader.next() {
            switch next {
            case .failure(let error):
                reject(line: error.line, offset: error.byteOffset, reason: .invalidCSV, detail: error.description)
            case .success(let record):
                do {
                    rows.append(try row(record, at: positions, columns: columns, layout: layout, carrier: carrier, fileIndex: fileIndex))
                } catch {
                    reject(line: record.line, offset: record.byteOffset, reason: error.reason, detail: error.detail)
                }
            }
        }
        return (rows, rejects)
    }

    /// Where the statement's columns are (the optional ones nil when absent).
    private struct ColumnPositions {
        let orderCode: Int
        let amount: Int
        let remittedAt: Int?
        let fee: Int?
        let reference: Int?
    }

    /// Why a row is rejected.
    private struct RowProblem: Error {
        let reason: RejectReason
        let detail: String
    }

    /// Reads the header row and finds the columns; an empty statement, a header that is not CSV,
    /// a bad separator layout or a missing order-code or amount column is a usage error.
    private static func readHeader(
        _ reader: inout CSVReader, name: String, columns: RemittanceColumns
    ) throws
        -> ColumnPositions
    {
        guard let first = reader.next() else {
            throw ShipKPIError.usage("\(name): the remittance statement is empty (no header row)")
        }
        guard case .success(let headerRecord) = first else {
            throw ShipKPIError.usage("\(name): the header row is not valid CSV")
        }
        if let problem = columns.layout?.problem {
            throw ShipKPIError.usage("\(name): remittance layout: \(problem)")
        }
        let header = CSVHeader(headerRecord)
        guard let codeCol = header.index(of: columns.orderCode), let amountCol = header.index(of: columns.amount) else {
            throw ShipKPIError.usage(
                "\(name): the header must name the columns \(columns.orderCode) and \(columns.amount) (declare the statement's column names if it uses others)")
        }
        return ColumnPositions(
            orderCode: codeCol, amount: amountCol, remittedAt: header.index(of: columns.remittedAt),
            fee: header.index(of: columns.fee), reference: header.index(of: columns.reference))
    }

    /// One data row as a remittance row, or why it is rejected: no order code, an amount or fee
    /// that is not an exact amount in the currency, or a RemittedAt that is not a date.
    private static func row(
        _ record: CSVRecord, at positions: ColumnPositions, columns: RemittanceColumns, layout: AmountLayout?,
        carrier: Carrier, fileIndex: Int32
    ) throws(RowProblem) -> RemittanceRow {
        func field(_ index: Int?) -> String { index.flatMap { record.field($0) }?.trimmingASCIIWhitespace() ?? "" }
        let code = field(positions.orderCode)
        guard !code.isEmpty else {
            throw RowProblem(reason: .missingOrderCode, detail: "\(columns.orderCode) is empty")
        }
        // The amount of a cell, or why it is not one.
        func parseAmount(_ text: String, column: String) throws(RowProblem) -> ExactDecimal {
            let result = MoneyParsing.statementAmount(text, currency: columns.currency, layout: layout)
            if case .value(let value) = result { return value }
            let (reason, detail) = Self.rejection(result, column: column, columns: columns, layout: layout)
            throw RowProblem(reason: reason, detail: detail)
        }
        let amount = try parseAmount(field(positions.amount), column: columns.amount)
        let feeText = field(positions.fee)
        let fee = feeText.isEmpty ? nil : try parseAmount(feeText, column: columns.fee)
        let remittedAt = field(positions.remittedAt)
        if !remittedAt.isEmpty && !MoneyParsing.isRemittanceDate(remittedAt) {
            throw RowProblem(
                reason: .invalidDate,
                detail: "\(columns.remittedAt) is not a date (yyyy-MM-dd, yyyy-MM-dd HH:mm[:ss] with an optional offset, or dd/MM/yyyy [HH:mm[:ss]])")
        }
        return RemittanceRow(
            carrier: carrier, orderCode: code, amount: amount, fee: fee, remittedAt: remittedAt, reference: field(positions.reference),
            source: SourcePosition(file: fileIndex, line: Int64(record.line), byteOffset: Int64(record.byteOffset)))
    }

    /// The reject of an unusable amount: reason and a detail that names the column, never the value.
    static func rejection(
        _ result: MoneyParsing.StatementAmount, column: String, columns: RemittanceColumns,
        layout: AmountLayout?
    ) -> (RejectReason, String) {
        let currency = columns.currency
        switch result {
        case .ambiguous:
            let decimals = CurrencyExponent.digits(currency)
            return (
                .ambiguousAmount,
                "\(column) is ambiguous: its '.' or ',' may separate decimals or thousands (\(currency) has \(decimals) decimals); "
                    + "declare the statement's separators with --remittance-columns decimal=...,thousands=... "
                    + "or decimal = / thousands = in the config file's [remittance] section"
            )
        case .tooManyDecimals:
            return (.invalidAmount, "\(column) has more decimals than \(currency) has (\(CurrencyExponent.digits(currency)))")
        case .notExact:
            return (.invalidAmount, "\(column) cannot be represented exactly (at most 24 integer digits and 12 decimals)")
        case .notANumber:
            guard let layout else { return (.invalidAmount, "\(column) is not an exact, non-negative decimal number") }
            return (
                .invalidAmount,
                "\(column) is not a number in the declared layout (decimal \(layout.decimal.rawValue), thousands \(layout.thousands.rawValue))"
            )
        case .negative, .value:
            return (.invalidAmount, "\(column) is not an exact, non-negative decimal number")
        }
    }
}
