/// Plain-words definitions of every KPI, shown next to the numbers in report.xml and report.html
/// (SPEC §5: "in words a finance or operations reader understands"). One source for both.
package enum KPIDefinitions {
    package static let all: [(name: String, title: String, text: String)] = [
        ("events", "Events", "Status updates accepted after removing rejected lines, duplicates and filtered-out events."),
        ("orders", "Orders", "Distinct shipments with at least one accepted status update."),
        ("delivered", "Delivered", "Orders whose latest status is delivered."),
        ("returned", "Returned", "Orders whose latest status is returned to the sender."),
        ("lost", "Lost", "Orders whose latest status is lost by the carrier."),
        ("confiscated", "Confiscated", "Orders whose latest status is confiscated by the authorities."),
        ("cancelled", "Cancelled", "Orders whose latest status is cancelled. A cancellation is not counted as a delivery failure."),
        ("open", "Open", "Orders still in progress: their latest status is not final (including statuses the map does not know)."),
        ("resolved", "Resolved", "Orders that reached an end: delivered + returned + lost + confiscated."),
        ("success_rate", "Delivery success rate", "Delivered orders divided by resolved orders. Empty when no order is resolved."),
        ("attempted", "Attempted", "Resolved orders that went out for delivery at least once (out for delivery, a failed attempt, or delivered)."),
        ("first_attempt_delivered", "Delivered at first attempt", "Delivered orders with no failed delivery attempt before their final delivery."),
        ("first_attempt_rate", "First-attempt rate", "Orders delivered at the first attempt divided by attempted orders. Empty when none was attempted."),
        ("failed_attempts", "Failed attempts", "Number of failed delivery attempts (each attempt counts, not each order)."),
        (
            "lead_time_p50_h", "Lead time, median (hours)",
            "For delivered orders with a pickup: hours from the first pickup to the final delivery; half of the orders took at most this long."
        ),
        (
            "lead_time_p90_h", "Lead time, 90th percentile (hours)",
            "Nine in ten delivered orders took at most this many hours from first pickup to delivery (nearest rank)."
        ),
        ("lead_time_mean_h", "Lead time, average (hours)", "Average hours from first pickup to final delivery over delivered orders with a pickup."),
        ("open_0_2d", "Open 0–2 days", "Open orders whose first update is 0 to 2 whole days before the report date."),
        ("open_3_7d", "Open 3–7 days", "Open orders first seen 3 to 7 days before the report date."),
        ("open_8_14d", "Open 8–14 days", "Open orders first seen 8 to 14 days before the report date: likely stuck."),
        ("open_15d_plus", "Open 15+ days", "Open orders first seen 15 or more days before the report date: stuck shipments."),
        (
            "feedback_requests", "Feedback requests",
            "How often 247Express asked the shop what to do with an undeliverable order; per order the highest count reported (the count is cumulative)."
        ),
        ("reason_share", "Reason share", "Events with this reason divided by all of the carrier's events that carry a reason."),
        (
            "needs_action", "Needs action",
            "Open orders whose latest status is a failed attempt, a pending return or an unknown status, or that are open 8 days or more."
        ),
    ]

    package static func text(_ name: String) -> String {
        all.first { $0.name == name }?.text ?? ""
    }

    package static func title(_ name: String) -> String {
        all.first { $0.name == name }?.title ?? name
    }

    /// COD reconciliation statuses in words a finance reader uses.
    package static let codStatuses: [(status: String, text: String)] = [
        ("MATCHED", "Delivered, and the carrier remitted exactly the cash on delivery it should have collected."),
        ("SHORT", "Delivered, but the carrier remitted less than the cash on delivery: the difference is owed to the shop."),
        ("OVER", "Delivered, but the carrier remitted more than the cash on delivery (or remitted cash for an order without COD)."),
        ("NOT_REMITTED", "Delivered, so the cash was collected, but the carrier has not remitted it yet; days since delivery show how overdue it is."),
        ("NOT_DUE", "Not delivered (still open, returned, lost, cancelled, or no status yet) and nothing remitted: no cash is due yet."),
        ("UNEXPECTED", "The carrier remitted cash for an order that is not delivered, or that the exports do not know."),
        ("DUPLICATE", "The carrier remitted the same order more than once; every remittance row is listed for review."),
    ]
}
