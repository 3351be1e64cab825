import Foundation
import ShipKPICore

/// Column names of a remittance statement (configurable for other statement layouts).
package struct RemittanceColumns: Sendable, Equatable {
    package var orderCode = "OrderCode"
    package var amount = "Amount"
    package var remittedAt = "RemittedAt"
    package var fee = "Fee"
    package var reference = "Reference"

    package init() {}
}

/// Reads remittance statements (SPEC §6) with the RFC 4180 reader; bad rows become rejects.
package enum RemittanceLoader {
    /// Rows and rejects of one file. `fileIndex` is the file's index among the remittance files
    /// (rows) and `rejectFileIndex` its index in rejects.ndjson's path list.
    package static func load(path: String, fileIndex: Int32, rejectFileIndex: Int32, columns: RemittanceColumns) throws
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
        let (rows, rejects) = try parse(data, name: path, fileIndex: fileIndex, rejectFileIndex: rejectFileIndex, columns: columns)
        return (rows, rejects, source.rawBytes, source.sha256Hex())
    }

    /// Rows and rejects of one statement's bytes; `name` labels usage errors (a bad header).
    package static func parse(_ data: [UInt8], name: String, fileIndex: Int32, rejectFileIndex: Int32, columns: RemittanceColumns)
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
        let header = CSVHeader(headerRecord)
        guard let codeCol = header.index(of: columns.orderCode), let amountCol = header.index(of: columns.amount) else {
            throw ShipKPIError.usage("\(name): the header must name the columns \(columns.orderCode) and \(columns.amount) (see --remittance-columns)")
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
            guard case .value(let amount) = MoneyParsing.amountField(field(amountCol)), !amount.isNegative else {
                reject(record.line, record.byteOffset, .invalidAmount,
                       "\(columns.amount) is not an exact, non-negative decimal number")
                continue
            }
            var fee: ExactDecimal?
            let feeText = field(feeCol)
            if !feeText.isEmpty {
                guard case .value(let f) = MoneyParsing.amountField(feeText), !f.isNegative else {
                    reject(record.line, record.byteOffset, .invalidAmount, "\(columns.fee) is not an exact, non-negative decimal number")
                    continue
                }
                fee = f
            }
            rows.append(RemittanceRow(
                orderCode: code, amount: amount, fee: fee, remittedAt: field(atCol), reference: field(refCol),
                source: SourcePosition(file: fileIndex, line: Int64(record.line), byteOffset: Int64(record.byteOffset))))
        }
        return (rows, rejects)
    }
}
