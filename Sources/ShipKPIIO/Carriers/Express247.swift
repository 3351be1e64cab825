import ShipKPICore

/// 247Express (Vietnam): status events from its webhook (Update Order Status) and its
/// GetStatusLogs export, order records from CustomerAPIUpdateOrder. Naive timestamps are
/// Vietnam time; COD is in đồng; it counts feedback requests and sends remittance statements.
package enum Express247 {
    package static let profile = CarrierProfile(
        traits: CarrierTraits(
            id: "247express", displayName: "247Express (Vietnam)", currency: "VND",
            recordKinds: [
                RecordKindTraits(id: "247express_status_event", label: "247express status updates (webhook)"),
                RecordKindTraits(id: "247express_status_log_item", label: "247express status-log items (GetStatusLogs)"),
                RecordKindTraits(id: "247express_order", label: "247express order records"),
            ],
            sendsOrderRecords: true, reportsFeedbackRequests: true, sendsRemittanceStatements: true),
        defaultZone: "Asia/Ho_Chi_Minh",
        shippedCodes: [
            // The carrier's published status codes; it publishes no delay codes.
            .status("21", .created, name: "DATIEPNHAN"),
            .status("23", .pickedUp, name: "DALAYHANG"),
            .status("24", .inTransit, name: "DANGVANCHUYEN"),
            .status("25", .outForDelivery, name: "DANGDIPHAT"),
            .status("16", .attemptFailed, name: "CHOXULY"),
            .status("27", .returning, name: "CHOCHUYENHOAN"),
            .status("30", .delivered, name: "PHATTHANHCONG"),
            .status("28", .returned, name: "DACHUYENHOAN"),
            .status("19", .lost, name: "THATLAC"),
            .status("32", .confiscated, name: "TICHTHU"),
            .status("18", .cancelled, name: "HUY"),
        ],
        chartStyle: CarrierChartStyle(colour: "#0072B2", cssName: "247", marker: .circle, bar: .solid),
        reading: reading,
        checksWebhookAPIKey: true)
}
