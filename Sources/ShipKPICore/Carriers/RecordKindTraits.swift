/// A kind of record a carrier sends: its id in run.json (`247express_status_event`) and its
/// description in the HTML report.
package struct RecordKindTraits: Sendable, Equatable {
    package var id: String
    package var label: String

    package init(id: String, label: String) {
        self.id = id
        self.label = label
    }
}
