/// What a reason is: its label, canonical category and the party that caused it (SPEC §2).
package struct ReasonInfo: Sendable, Equatable {
    package var label: String
    package var category: ReasonCategory
    package var party: Party

    package init(label: String, category: ReasonCategory, party: Party) {
        self.label = label
        self.category = category
        self.party = party
    }
}
