/// A value for every carrier of a run (zones, currencies, counters), sized from the run's
/// ``Carriers`` so that no carrier can be missing from it.
package struct PerCarrier<Value> {
    private var values: [Value]

    package init(_ carriers: Carriers, _ make: (Carrier) -> Value) {
        values = carriers.all.map(make)
    }

    package init(_ carriers: Carriers, repeating value: Value) {
        values = Array(repeating: value, count: carriers.count)
    }

    package subscript(_ carrier: Carrier) -> Value {
        @inline(__always) get { values[carrier.index] }
        // In place: a get-then-set would copy a value with storage (an interner) on every change.
        @inline(__always) _modify { yield &values[carrier.index] }
    }

    /// The values, in carrier order.
    package var inOrder: [Value] { values }

    package func map<T>(_ transform: (Value) -> T) -> PerCarrier<T> {
        PerCarrier<T>(values: values.map(transform))
    }

    private init(values: [Value]) { self.values = values }
}

extension PerCarrier: Sendable where Value: Sendable {}
extension PerCarrier: Equatable where Value: Equatable {}
