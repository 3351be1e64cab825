extension HoundExpress {
    /// How HoundExpress JSON is read. Shapes, by priority: changeOrderStatus `{"guide": …}` (40),
    /// a webhook notification with `statusObj` (50), and `value` without `statusObj` (90: a
    /// reject). `POD`, `POD_B64` and `format` are attachments: possibly megabytes, never copied.
    static let reading = CarrierReading(
        fields: [
            .object(
                "guide",
                [
                    .scalar("guideNumber"),
                    .object("currentStatus", [.scalar("status"), .scalar("code"), .scalar("date"), .scalar("time")]),
                    .attachment("POD"), .attachment("POD_B64"), .attachment("format"),
                ]),
            .scalar("value"),
            .object("statusObj", [.scalar("id"), .scalar("code")]),
            .scalar("date"), .scalar("dateTime"), .scalar("dateTimeISO"),
            .attachment("POD"), .attachment("POD_B64"),
        ],
        shapes: [
            RecordShape(.has("guide"), priority: 40),
            RecordShape(.has("statusObj"), priority: 50),
            RecordShape(.has("value"), priority: 90),
        ],
        makeDecoder: { try HoundExpressDecoder($0) })
}
