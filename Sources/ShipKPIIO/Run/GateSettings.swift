import Foundation

/// The data-quality gates a run must pass before its reports replace the previous ones
/// (command-line flags and the config file's `[gates]` section; flags win). Nil = not checked.
package struct GateSettings: Sendable, Equatable {
    /// Fewest accepted events a run must have (default 1: an empty run fails).
    package var minEvents: Int64?
    /// Largest share (0–1) of accepted events whose status code the status map does not know.
    package var maxUnknownRate: Double?
    /// Longest time (ms) the newest accepted event may lie before the as-of instant.
    package var maxStaleness: Int64?
    /// Largest share (0–1) of rejects among records read plus rejects.
    package var maxRejectRate: Double?
    /// Replace the previous reports even when a gate fails.
    package var publishOnFailure: Bool?

    package init(
        minEvents: Int64? = nil, maxUnknownRate: Double? = nil, maxStaleness: Int64? = nil,
        maxRejectRate: Double? = nil, publishOnFailure: Bool? = nil
    ) {
        self.minEvents = minEvents
        self.maxUnknownRate = maxUnknownRate
        self.maxStaleness = maxStaleness
        self.maxRejectRate = maxRejectRate
        self.publishOnFailure = publishOnFailure
    }

    /// `other`'s settings where it has them, else these (flags over the config file).
    package func overridden(by other: GateSettings) -> GateSettings {
        GateSettings(
            minEvents: other.minEvents ?? minEvents, maxUnknownRate: other.maxUnknownRate ?? maxUnknownRate,
            maxStaleness: other.maxStaleness ?? maxStaleness, maxRejectRate: other.maxRejectRate ?? maxRejectRate,
            publishOnFailure: other.publishOnFailure ?? publishOnFailure)
    }
}
