import ShipKPICore

/// HoundExpress (Mexico): status events from changeOrderStatus and from its webhook
/// notifications. Naive timestamps are Mexico City time (webhook dates are UTC−06:00); COD in
/// pesos. Its non-delivery statuses are reasons in themselves.
package enum HoundExpress {
    package static let profile = CarrierProfile(
        traits: CarrierTraits(
            id: "houndexpress", displayName: "HoundExpress (Mexico)", currency: "MXN",
            recordKinds: [
                RecordKindTraits(id: "houndexpress_status_event", label: "houndexpress status updates (changeOrderStatus)"),
                RecordKindTraits(id: "houndexpress_webhook", label: "houndexpress webhook notifications"),
            ]),
        defaultZone: "America/Mexico_City",
        shippedCodes: [
            .status("38", .inTransit, reason: ReasonInfo(label: "delayed departure", category: .operationalDelay, party: .carrier)),
            .status("8", .attemptFailed, reason: ReasonInfo(label: "refused by addressee", category: .refused, party: .recipient)),
            .status(
                "46", .attemptFailed, name: "NBROA",
                reason: ReasonInfo(label: "no one to receive", category: .recipientUnavailable, party: .recipient)),
            .status("2", .delivered, name: "DLV"),
        ],
        chartStyle: CarrierChartStyle(colour: "#D55E00", cssName: "hound", dash: "7 4", marker: .square, bar: .outlined),
        reading: reading)
}
