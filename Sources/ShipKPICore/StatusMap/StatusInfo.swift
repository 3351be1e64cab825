/// What a raw status code means.
package struct StatusInfo: Sendable, Equatable {
    package var canonical: CanonicalStatus
    /// The carrier's name for the code (`PHATTHANHCONG`, `NBROA`), possibly empty.
    package var name: String
    /// Set when the status itself is a reason (HoundExpress non-delivery statuses).
    package var reason: ReasonInfo?

    package init(canonical: CanonicalStatus, name: String, reason: ReasonInfo? = nil) {
        self.canonical = canonical
        self.name = name
        self.reason = reason
    }
}
