import Foundation
import ShipKPICore
import ShipKPIIO
import Glibc

/// What `shipkpi generate` is asked to produce.
package struct GeneratorOptions: Sendable {
    /// Orders of both carriers together (60 % 247Express, 40 % HoundExpress).
    package var orders: Int
    package var seed: UInt64 = 1
    package var outDir: String
    /// Length of the window in days, ending with `endDay`.
    package var days: Int = 60
    /// The window's last local day (days since 1970-01-01); default 2026-03-31.
    package var endDay: Int64 = GeneratorOptions.defaultEndDay
    /// One multi-megabyte proof-of-delivery line about every `podEvery` event lines; 0 = none.
    package var podEvery: Int = 20_000
    /// The event files are written this many times over (identical re-exports).
    package var repeatCount: Int = 1
    /// Share of event lines preceded by a malformed copy, per million (default 100 = 0.01 %).
    package var malformedPerMillion: Int = 100
    /// The command line, for README.txt.
    package var arguments: [String] = []

    package static let defaultEndDay = Int64(CivilDate.daysFromCivil(year: 2026, month: 3, day: 31))

    package init(orders: Int, outDir: String) {
        self.orders = orders
        self.outDir = outDir
    }
}
