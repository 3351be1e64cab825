import Foundation
import ShipKPICore
import Glibc

/// Turns the batch-relative line numbers of `.lines` units into line numbers of the whole input.
/// Runs on the consuming thread, in input order, where the count of earlier lines is known.
package struct LineNumbering {
    private var file: Int32 = -1
    private var base: Int64 = 0

    package init() {}

    package mutating func resolve(_ unit: WorkUnit, in batch: inout EventBatch) {
        if unit.fileIndex != file {
            file = unit.fileIndex
            base = 0
        }
        guard unit.relativeLines else { return }
        for i in batch.events.indices { batch.events[i].line += base }
        for i in batch.rejects.indices { batch.rejects[i].source.line += base }
        for i in batch.orders.indices { batch.orders[i].line += base }
        base += batch.counters.lines
    }
}
