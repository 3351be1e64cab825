/// JSON documents on which the decoder's two paths (simdjson's DOM for small documents, the
/// On-Demand walk for the rest) differ in what they see — shared by the end-to-end comparison of
/// the two paths (`JSONFastPathTests`) and the extractor's corpus (`ShipKPIJSONTests`).
package enum JSONEdgeLines {
    /// `depth` times `open`, then `inner`, then `depth` times `close`:
    /// `nested(open: "[", close: "]", depth: 2, inner: "1")` is `[[1]]`.
    package static func nested(open: String, close: String, depth: Int, inner: String = "") -> String {
        String(repeating: open, count: depth) + inner + String(repeating: close, count: depth)
    }

    /// Number forms DOM cannot keep (`-0`, fractions, exponents, beyond 64 bits), escapes in keys
    /// and values, surrogates, non-object roots, trailing content, nesting at and around the
    /// depth limit, and a document over the DOM size limit.
    package static let lines: [String] = {
        var lines = [
            #"{"OrderCode":"N1","Status":-0,"Time":"2026-03-05 10:00:00"}"#,
            #"{"OrderCode":"N2","Status":25,"Time":"2026-03-05 10:00:00","RequestFeedbackCount":-0}"#,
            #"{"OrderCode":"N3","Status":25.0,"Time":"2026-03-05 10:00:00"}"#,
            #"{"OrderCode":"N3b","Status":2.5e1}"#,
            #"{"OrderCode":"N3c","Status":1E400}"#,
            #"{"OrderCode":"N4","Status":25,"RequestFeedbackCount":18446744073709551615}"#,
            #"{"OrderCode":"N4b","Status":25,"RequestFeedbackCount":99999999999999999999}"#,
            #"{"OrderCode":"N4c","Status":25,"RequestFeedbackCount":-9223372036854775808}"#,
            #"{"OrderInfo":{"OrderCode":"C1","ServiceTypeID":"DE","CODAmount":0}}"#,
            #"{"OrderInfo":{"OrderCode":"C2","ServiceTypeID":"DE","CODAmount":-0}}"#,
            #"{"OrderInfo":{"OrderCode":"C3","ServiceTypeID":"DE","CODAmount":0.0}}"#,
            #"{"OrderInfo":{"OrderCode":"C4","ServiceTypeID":"DE","CODAmount":5e5}}"#,
            #"{"OrderInfo":{"OrderCode":"C5","ServiceTypeID":"DE","CODAmount":12345678901234567890}}"#,
            #"{"OrderInfo":{"OrderCode":"C6","ServiceTypeID":"DE","CODAmount":-1,"Quantity":-0}}"#,
            #"{"OrderCode":"N\u00e9\ud83d\ude00","Status":"25"}"#,
            #"{"OrderCode":"N\ud800","Status":"25"}"#,
            "[1,2]", #""x""#, "42", "null", "true", "{}",
            #"{"OrderCode":"N5","Status":"25"} {"a":1}"#,
            #"{"OrderCode":"N5b","Status":"25"} x"#,
            #"{ "OrderCode" : "N6" , "Status" : -0 }"#,
            #"{"Order\u0043ode":"N7","Status":"25"}"#,
            #"{"OrderCode":"N8","Status":"25","St\u0061tus":"30"}"#,
            #"{"guide":{"currentStatus":{"status":2,"status":3},"guideNumber":"G"}}"#,
            #"{"value":-0,"statusObj":{"id":-0,"code":"X"},"dateTime":"2026-03-05 10:00:00","guide":"G9"}"#,
            #"{"receivedAt":"2026-03-05T10:00:00Z","payload":{"OrderCode":"E1","Status":-0}}"#,
            #"{"OrderCode":"N9","Status":"25","x":-0.0e-0,"y":[[],[[]],{}]}"#,
            #"{"OrderCode":"N10","Status":true}"#,
            #"{"OrderCode":"N11","Status":"25","DelayCode":-0}"#,
            #"{"OrderCode":"N12","Status":"25",}"#,
            #"{"OrderCode":"N14","Status":"25","RealWeight":1.0000000000000000000001}"#,
        ]
        for n in [61, 62, 63, 64] {
            lines.append(#"{"OrderCode":"D\#(n)","Status":"25","x":"# + nested(open: "[", close: "]", depth: n) + "}")
            lines.append(#"{"OrderCode":"O\#(n)","Status":"25","x":"# + nested(open: #"{"a":"#, close: "}", depth: n, inner: "1") + "}")
            lines.append(#"{"OrderCode":"P\#(n)","Status":"25","x":"# + nested(open: "[", close: "]", depth: n, inner: "1") + "}")
        }
        // Over the DOM size limit (1 MiB): the walk decides both times.
        lines.append(#"{"OrderCode":"B1","Status":-0,"x":[[],"# + String(repeating: "7,", count: 700_000) + "8]}")
        return lines
    }()
}
