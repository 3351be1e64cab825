extension Express247 {
    /// Fields of a status event (webhook body, GetStatusLogs history item).
    static let eventFields: [FieldSpec] = [
        .scalar("OrderCode"), .scalar("Status"), .scalar("StatusName"), .scalar("Time"), .scalar("TransactionId"),
        .scalar("DelayCode"), .scalar("DelayNotes"), .scalar("RequestFeedbackCount"), .scalar("Mailman"),
        .scalar("ApiKey"),  // a credential: compared, never output
        .scalar("DeliveryDate"),  // informational: read so that a duplicated one is noticed
    ]

    /// Fields of an order record (flat or in `OrderInfo`). The carrier spells the warehouse both
    /// `CusWareHouseID` and `CusWarehouseID`; `ExtraServices` also comes as `ExtraService`.
    static let orderFields: [FieldSpec] = [
        .scalar("OrderCode"), .scalar("ServiceTypeID"), .scalar("ReceiverAddress"), .scalar("ReceiverProvinceName"),
        .scalar("ReceiverDistrictName"), .scalar("ReceiverPhone"), .scalar("ClientHubID"), .scalar("CusWareHouseID"),
        .scalar("CusWarehouseID"), .scalar("MailerType"), .scalar("RealWeight"), .scalar("InformFee"), .scalar("CODAmount"),
        .scalar("COPAmt"), .scalar("Quantity"),
        .objects("Packages", [.scalar("Length"), .scalar("Width"), .scalar("Height"), .scalar("RealWeight")]),
        .objects(names: ["ExtraServices", "ExtraService"], fields: [.scalar("ServiceID")]),
    ]

    /// How 247Express JSON is read. Shapes, by priority: `{"OrderInfo": …}` (20), a GetStatusLogs
    /// export `{"Data": {"Orders": [{"Histories": […]}]}}` (30), a status event with `Status`
    /// (60), a flat order record with `OrderCode` and `ServiceTypeID` (70), and `OrderCode` alone
    /// (80: a reject, neither an event nor an order).
    static let reading = CarrierReading(
        fields: eventFields + orderFields + [
            .object("OrderInfo", orderFields),
            .object("Data", [.objects("Orders", [.objects("Histories", eventFields)])]),
        ],
        shapes: [
            RecordShape(.has("OrderInfo"), priority: 20),
            RecordShape(.has("Data"), priority: 30),
            RecordShape(.filled(["Status"]), priority: 60),
            RecordShape(.filled(["OrderCode", "ServiceTypeID"]), priority: 70),
            RecordShape(.filled(["OrderCode"]), priority: 80),
        ],
        makeDecoder: { try Express247Decoder($0) })
}
