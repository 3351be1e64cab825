import ArgumentParser
import Foundation
import ShipKPICore
import ShipKPIIO

extension ReportFormat: ExpressibleByArgument {}

/// One `--format` value: a format, or several separated by commas (`csv,xml`).
struct ReportFormatList: ExpressibleByArgument {
    var formats: [ReportFormat]

    init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let formats = parts.compactMap(ReportFormat.init(rawValue:))
        guard !parts.isEmpty, formats.count == parts.count else { return nil }
        self.formats = formats
    }

    static var allValueStrings: [String] { ReportFormat.allCases.map(\.rawValue) }
    static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}
