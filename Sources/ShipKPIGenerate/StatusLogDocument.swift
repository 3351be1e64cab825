import Foundation
import ShipKPICore
import ShipKPIIO
import Glibc

/// A GetStatusLogs document being filled.
struct StatusLogDocument {
    var orders = 0
    var items: Int64 = 0
    var openedAt: Int64 = 0
    var pullAt: Int64 = 0
    let body = ByteSink(scratchCapacity: 1 << 18)
}
