/// The 247Express order checks of SPEC §6 "Order record checks" and §11 "Order checks".
///
/// Findings come in the rule order of SPEC §6; the carrier's error code is given where the
/// carrier has one (seed 001), empty otherwise.
package enum OrderChecks {
    static let heavyThreshold = ExactDecimal(units: 25 * ExactDecimal.unitsPerOne / 10)  // 2.5 kg

    package static func check(_ fields: OrderRecordFields) -> [OrderFinding] {
        var out: [OrderFinding] = []
        func add(code: String, field: String, message: String) {
            out.append(OrderFinding(code: code, field: field, message: message))
        }
        if !fields.hasServiceType { add(code: "10", field: "ServiceTypeID", message: "ServiceTypeID is required") }
        if !fields.hasReceiverAddress { add(code: "17", field: "ReceiverAddress", message: "ReceiverAddress is required") }
        if !fields.hasProvince { add(code: "3", field: "ReceiverProvinceName", message: "ReceiverProvinceName is required") }
        if !fields.hasDistrict { add(code: "2", field: "ReceiverDistrictName", message: "ReceiverDistrictName is required") }
        if !fields.hasPhone { add(code: "", field: "ReceiverPhone", message: "ReceiverPhone is required") }
        if !fields.hasClientHub && !fields.hasWarehouse {
            add(code: "", field: "ClientHubID", message: "ClientHubID or CusWareHouseID is required")
        }
        switch fields.mailerType {
        case nil: add(code: "18", field: "MailerType", message: "MailerType is required (HH or TL)")
        case "HH", "TL": break
        default: add(code: "18", field: "MailerType", message: "MailerType must be HH or TL")
        }
        if fields.mailerType == "TL", let weight = orderWeight(fields), weight >= ExactSum(heavyThreshold) {
            add(code: "", field: "MailerType", message: "a shipment of 2.5 kg or more must be MailerType HH")
        }
        if fields.mailerType == "HH" && fields.informFee.isMissing {
            add(code: "", field: "InformFee", message: "MailerType HH requires InformFee (declared value)")
        }
        if fields.hasDVBH && fields.informFee.isMissing {
            add(code: "", field: "InformFee", message: "the insurance service DVBH requires InformFee (declared value)")
        }
        let packages = fields.packages ?? []
        if case .value(let q) = fields.quantity {
            let expected = q.integerValue
            if expected == 1 {
                if !packages.isEmpty { add(code: "19", field: "Packages", message: "Quantity 1 means no Packages") }
            } else if expected == nil || Int64(packages.count) != expected {
                add(code: "19", field: "Packages", message: "the number of Packages must equal Quantity")
            }
        }
        for (i, p) in packages.enumerated() {
            let given = [p.length, p.width, p.height].filter { !$0.isMissing }.count
            if !p.isObject || (given > 0 && given < 3) {
                add(code: "20", field: "Packages[\(i)]", message: "a package with one of Length, Width, Height needs all three")
            }
        }
        // Amounts and weights: exact and not negative.
        var numeric: [(String, AmountField)] = [
            ("CODAmount", fields.cod), ("COPAmt", fields.cop), ("InformFee", fields.informFee), ("RealWeight", fields.realWeight),
        ]
        for (i, p) in packages.enumerated() { numeric.append(("Packages[\(i)].RealWeight", p.weight)) }
        for (field, value) in numeric {
            switch value {
            case .missing: break
            case .invalid(let notExact):
                add(code: "", field: field, message: notExact ? "\(field) cannot be represented exactly" : "\(field) is not a number")
            case .value(let v):
                if v.isNegative { add(code: "", field: field, message: "\(field) must not be negative") }
            }
        }
        return out
    }

    /// `RealWeight` when present, else the sum of the packages' weights (nil when neither is
    /// known). An ``ExactSum``: any number of packages of any parsed weight adds up exactly.
    package static func orderWeight(_ fields: OrderRecordFields) -> ExactSum? {
        if let w = fields.realWeight.value { return ExactSum(w) }
        let weights = (fields.packages ?? []).compactMap(\.weight.value)
        guard !weights.isEmpty else { return nil }
        return weights.reduce(ExactSum.zero) { $0 + $1 }
    }
}
