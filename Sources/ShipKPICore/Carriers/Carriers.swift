/// The carriers of a run, in output order, with the traits the computations need.
///
/// Built once from the carrier registry and passed by value to whatever iterates carriers:
/// nothing in Core holds a per-carrier array of its own making (``PerCarrier`` is sized from this
/// list), so adding a carrier cannot leave a table one short.
package struct Carriers: Sendable, Equatable {
    package let traits: [CarrierTraits]
    /// Every record kind of every carrier, carrier by carrier (the layout of
    /// ``BatchCounters/records``).
    package let recordKinds: [RecordKindTraits]
    private let firstKind: [Int]

    /// The list; at most 255 carriers, ids unique, at most one taking remittance statements.
    package init(_ traits: [CarrierTraits]) {
        precondition(traits.count < 256, "at most 255 carriers")
        precondition(Set(traits.map(\.id)).count == traits.count, "carrier ids must be unique")
        precondition(traits.filter(\.sendsRemittanceStatements).count <= 1, "one carrier takes remittance statements")
        self.traits = traits
        var kinds: [RecordKindTraits] = []
        var first: [Int] = []
        for t in traits {
            first.append(kinds.count)
            kinds += t.recordKinds
        }
        recordKinds = kinds
        firstKind = first
    }

    /// Every carrier, in order.
    package var all: [Carrier] { (0 ..< traits.count).map { Carrier(rawValue: UInt8($0)) } }

    package var count: Int { traits.count }

    package subscript(_ carrier: Carrier) -> CarrierTraits { traits[carrier.index] }

    /// The carrier with id `id` (`247express`), nil when there is none.
    package func carrier(id: String) -> Carrier? {
        traits.firstIndex { $0.id == id }.map { Carrier(rawValue: UInt8($0)) }
    }

    /// The ids, in order (for messages: "one of 247express, houndexpress").
    package var ids: [String] { traits.map(\.id) }

    /// The carrier whose remittance statements a run reads, nil when no carrier sends any.
    package var remittanceCarrier: Carrier? {
        traits.firstIndex(where: \.sendsRemittanceStatements).map { Carrier(rawValue: UInt8($0)) }
    }

    /// The position of `carrier`'s first record kind in ``recordKinds``.
    package func firstRecordKind(_ carrier: Carrier) -> Int { firstKind[carrier.index] }

    /// Kind number `local` of `carrier`'s record kinds.
    package func recordKind(_ carrier: Carrier, number local: Int) -> RecordKind {
        precondition(local < traits[carrier.index].recordKinds.count)
        return RecordKind(index: firstKind[carrier.index] + local)
    }

    /// The id in reports of `scope` (`247express`, or `ALL`).
    package func id(_ scope: CarrierScope) -> String {
        switch scope {
        case .carrier(let c): traits[c.index].id
        case .all: "ALL"
        }
    }
}
