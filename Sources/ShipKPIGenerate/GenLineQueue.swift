import Foundation
import ShipKPICore
import ShipKPIIO
import Glibc

/// What a queued line is.
enum GenLineKind: UInt8 {
    case event247 = 0, houndStatus, houndWebhook, orderResend, remittance
}

/// A line waiting to be written: everything needed to render it, the rest is recomputed from
/// the order's index. Ordered by `key` (when the line is written), then by push order.
struct GenPendingLine {
    static let copy: UInt8 = 1
    static let malformedFirst: UInt8 = 2
    /// A remittance row for an order code that no export knows.
    static let unknownOrder: UInt8 = 4

    var key: Int64
    var time: Int64
    var seq: UInt32 = 0
    var order: UInt32
    var amount: Int32 = 0
    var fee: Int32 = 0
    var courier: Int16 = -1
    var kind: GenLineKind
    var step: GenStep = .created
    var previous: GenStep = .created
    var reason: GenReason = .none
    var feedback: UInt8 = 0
    var ordinal: UInt8 = 0
    var flags: UInt8 = 0

    init(key: Int64, time: Int64, order: UInt32, kind: GenLineKind) {
        self.key = key
        self.time = time
        self.order = order
        self.kind = kind
    }

    /// The line of lifecycle event number `ordinal` of an order, which follows step `previous`.
    init(event: GenEvent, ordinal: Int, previous: GenStep, key: Int64, order: UInt32, kind: GenLineKind) {
        self.init(key: key, time: event.time, order: order, kind: kind)
        step = event.step
        self.previous = previous
        reason = event.reason
        feedback = event.feedback
        courier = event.courier
        self.ordinal = UInt8(truncatingIfNeeded: ordinal)
    }

    @inline(__always)
    static func before(_ a: GenPendingLine, _ b: GenPendingLine) -> Bool {
        a.key != b.key ? a.key < b.key : a.seq < b.seq
    }
}

/// A binary min-heap of pending lines.
struct GenLineQueue {
    private var heap: [GenPendingLine] = []

    var top: GenPendingLine? { heap.first }
    var count: Int { heap.count }

    mutating func push(_ line: GenPendingLine) {
        heap.append(line)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if !GenPendingLine.before(heap[i], heap[parent]) { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> GenPendingLine {
        let result = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var i = 0
            let n = heap.count
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < n && GenPendingLine.before(heap[l], heap[m]) { m = l }
                if r < n && GenPendingLine.before(heap[r], heap[m]) { m = r }
                if m == i { break }
                heap.swapAt(i, m)
                i = m
            }
        }
        return result
    }
}
