

/// The 247Express order checks of SPEC §6 "Order record checks" and §11 "Order checks".
///
/// Findings come in the rule order of SPEC §6; the carrier's error code is given where the
/// carrier has one (seed 001), empty otherwise.
package enum OrderChecks {
    static let heavyThreshold = ExactDecimal(units: 25 * ExactDecimal.unitsPerOne / 10)  // 2.5 kg

    package static func check(_ f: OrderRecordFields) -> [OrderFinding] {
        var out: [OrderFinding] = []
        func add(_ code: String, _ field: String, _ message: String) {
            out.append(OrderFinding(code: code, field: field, message: message))
        }
        if !f.hasServiceType { add("10", "ServiceTypeID", "ServiceTypeID is required") }
        if !f.hasReceiverAddress { add("17", "ReceiverAddress", "ReceiverAddress is required") }
        if !f.hasProvince { add("3", "ReceiverProvinceName", "ReceiverProvinceName is required") }
        if !f.hasDistrict { add("2", "ReceiverDistrictName", "ReceiverDistrictName is required") }
        if !f.hasPhone { add("", "ReceiverPhone", "ReceiverPhone is required") }
        if !f.hasClientHub && !f.hasWarehouse {
            add("", "ClientHubID", "ClientHubID or CusWareHouseID is required")
        }
        switch f.mailerType {
        case nil: add("18", "MailerType", "MailerType is required (HH or TL)")
        case "HH", "TL": break
        default: add("18", "MailerType", "MailerType must be HH or TL")
        }
        if f.mailerType == "TL", let weight = orderWeight(f), weight >= ExactSum(heavyThreshold) {
            add("", "MailerType", "a shipment of 2.5 kg or more must be MailerType HH")
        }
        if f.mailerType == "HH" && f.informFee.isMissing {
            add("", "InformFee", "MailerType HH requires InformFee (declared value)")
        }
        if f.hasDVBH && f.informFee.isMissing {
            add("", "InformFee", "the insurance service DVBH requires InformFee (declared value)")
        }
        let packages = f.packages ?? []
        if case .value(let q) = f.quantity {
            let expected = q.integerValue
            if expected == 1 {
                if !packages.isEmpty { add("19", "Packages", "Quantity 1 means no Packages") }
            } else if expected == nil || Int64(packages.count) != expected {
                add("19", "Packages", "the number of Packages must equal Quantity")
            }
        }
        for (i, p) in packages.enumerated() {
            let given = [p.length, p.width, p.height].filter { !$0.isMissing }.count
            if !p.isObject || (given > 0 && given < 3) {
                add("20", "Packages[\(i)]", "a package with one of Length, Width, Height needs all three")
            }
        }
        // Amounts and weights: exact and not negative.
        var numeric: [(String, AmountField)] = [
            ("CODAmount", f.cod), ("COPAmt", f.cop), ("InformFee", f.informFee), ("RealWeight", f.realWeight),
        ]
        for (i, p) in packages.enumerated() { numeric.append(("Packages[\(i)].RealWeight", p.weight)) }
        for (field, value) in numeric {
            switch value {
            case .missing: break
            case .invalid(let notExact):
                add("", field, notExact ? "\(field) cannot be represented exactly" : "\(field) is not a number")
            case .value(let v):
                if v.isNegative { add("", field, "\(field) must not be negative") }
            }
        }
        return out
    }

    /// `RealWeight` when present, else the sum of the packages' weights (nil when neither is
    /// known). An ``ExactSum``: any number of packages of any parsed weight adds up exactly.
    package static func orderWeight(_ f: OrderRecordFields) -> ExactSum? {
        if let w = f.realWeight.value { return ExactSum(w) }
        let weights = (f.packages ?? []).compactMap(\.weight.value)
        guard !weights.isEmpty else { return nil }
        return weights.reduce(ExactSum.zero) { $0 + $1 }
    }
}
