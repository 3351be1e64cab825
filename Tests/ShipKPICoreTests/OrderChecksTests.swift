import ShipKPICore
import Testing

// SPEC §6 "Order record checks" and §11 "Order checks": one finding per broken rule (one per
// offending package), the carrier's error code where it has one (seed 001: 2, 3, 10, 17, 18, 19,
// 20), an empty code otherwise. `OrderRecordFields` is what the decoder extracted; "missing" (null,
// absent, "" or blank — §11) arrives here as `false` / `.missing` / nil.

private func dec(_ units: Int128) -> ExactDecimal { ExactDecimal(units: units) }
private let one: Int128 = 1_000_000_000_000  // units per 1 (10¹²)

private func pkg(_ l: Int?, _ w: Int?, _ h: Int?, weight: ExactDecimal? = nil) -> PackageFields {
    PackageFields(
        length: l.map { .value(ExactDecimal($0)) } ?? .missing,
        width: w.map { .value(ExactDecimal($0)) } ?? .missing,
        height: h.map { .value(ExactDecimal($0)) } ?? .missing,
        weight: weight.map { .value($0) } ?? .missing)
}

/// The seed 001 example ("HD000003"): DE, HH with InformFee 500000, RealWeight 1, Quantity 3 and
/// three fully measured packages (5, 8.7, 6.8 kg), ClientHubID 11583 and CusWarehouseID "30984",
/// CODAmount 0, extra services PTN and BP (no DVBH).
private func seed001() -> OrderRecordFields {
    var f = OrderRecordFields()
    f.hasServiceType = true
    f.hasReceiverAddress = true
    f.hasProvince = true
    f.hasDistrict = true
    f.hasPhone = true
    f.hasClientHub = true
    f.hasWarehouse = true
    f.mailerType = "HH"
    f.realWeight = .value(ExactDecimal(1))
    f.informFee = .value(ExactDecimal(500_000))
    f.cod = .value(ExactDecimal(0))
    f.quantity = .value(ExactDecimal(3))
    f.packages = [
        pkg(25, 30, 10, weight: ExactDecimal(5)),
        pkg(33, 25, 12, weight: dec(87 * one / 10)),  // 8.7
        pkg(10, 23, 35, weight: dec(68 * one / 10)),  // 6.8
    ]
    f.hasDVBH = false
    return f
}

/// A valid, light document (TL, 1 kg, Quantity 1, no packages, no InformFee needed).
private func lightTL() -> OrderRecordFields {
    var f = seed001()
    f.mailerType = "TL"
    f.informFee = .missing
    f.quantity = .value(ExactDecimal(1))
    f.packages = []
    return f
}

private func codes(_ f: OrderRecordFields) -> [String] { OrderChecks.check(f).map(\.code) }

@Suite struct OrderChecksTests {
    @Test func seedExampleHasNoFindings() {
        #expect(OrderChecks.check(seed001()).isEmpty)
        #expect(OrderChecks.check(lightTL()).isEmpty)
    }

    // MARK: - required fields

    /// (which field is missing, expected code, expected field name)
    static let required: [(Int, String, String)] = [
        (0, "10", "ServiceTypeID"),
        (1, "17", "ReceiverAddress"),
        (2, "3", "ReceiverProvinceName"),
        (3, "2", "ReceiverDistrictName"),  // missing or null alike (§11: null is finding 2)
        (4, "", "ReceiverPhone"),
    ]

    @Test(arguments: required)
    func requiredFieldMissing(which: Int, code: String, field: String) throws {
        var f = seed001()
        switch which {
        case 0: f.hasServiceType = false
        case 1: f.hasReceiverAddress = false
        case 2: f.hasProvince = false
        case 3: f.hasDistrict = false
        default: f.hasPhone = false
        }
        let findings = OrderChecks.check(f)
        try #require(findings.count == 1)
        #expect(findings[0].code == code)
        #expect(findings[0].field == field)
        #expect(!findings[0].message.isEmpty)
    }

    @Test func clientHubOrWarehouseRequired() throws {
        var neither = seed001()
        neither.hasClientHub = false
        neither.hasWarehouse = false
        let findings = OrderChecks.check(neither)
        try #require(findings.count == 1)  // one rule → one finding (not one per field)
        #expect(findings[0].code == "")

        var hubOnly = seed001()
        hubOnly.hasWarehouse = false
        #expect(OrderChecks.check(hubOnly).isEmpty)
        var warehouseOnly = seed001()
        warehouseOnly.hasClientHub = false
        #expect(OrderChecks.check(warehouseOnly).isEmpty)
    }

    // MARK: - MailerType (18)

    @Test func missingMailerTypeIs18() throws {
        var f = seed001()
        f.mailerType = nil
        let findings = OrderChecks.check(f)
        try #require(findings.count == 1)
        #expect(findings[0].code == "18")
        #expect(findings[0].field == "MailerType")
    }

    @Test(arguments: ["XX", "H", "HHTL", "DOC"])
    func mailerTypeOtherThanHHOrTLIs18(value: String) throws {
        var f = lightTL()
        f.mailerType = value
        #expect(codes(f) == ["18"])
    }

    // MARK: - weight ≥ 2.5 kg needs HH (fires for TL only)

    @Test func heavyTLByRealWeight() {
        var f = lightTL()
        f.realWeight = .value(dec(25 * one / 10))  // 2.5 kg: ≥ 2.5 → finding
        #expect(codes(f) == [""])
        f.realWeight = .value(dec(2_499_999_999_999))  // 2.499999999999 kg → none
        #expect(codes(f) == [])
        f.realWeight = .value(ExactDecimal(30))
        #expect(codes(f) == [""])
    }

    @Test func heavyTLByPackagesSumWhenRealWeightIsMissing() {
        var f = lightTL()
        f.realWeight = .missing
        f.quantity = .value(ExactDecimal(2))
        // 1.5 + 1.0 = 2.5 kg → finding.
        f.packages = [pkg(nil, nil, nil, weight: dec(15 * one / 10)), pkg(nil, nil, nil, weight: ExactDecimal(1))]
        #expect(codes(f) == [""])
        // 1.5 + 0.9 = 2.4 kg → none.
        f.packages = [pkg(nil, nil, nil, weight: dec(15 * one / 10)), pkg(nil, nil, nil, weight: dec(9 * one / 10))]
        #expect(codes(f) == [])
    }

    @Test func hugePackageWeightsAddUpWithoutTrapping() {
        // 300 packages of the largest accepted weight (just under 10²⁴): their sum is far beyond
        // Int128 (about 3 × 10²⁶ > 1.7 × 10²⁶) and must not trap; it is still "heavy".
        var f = lightTL()
        f.realWeight = .missing
        f.quantity = .value(ExactDecimal(300))
        let largest = dec(999_999_999_999_999_999_999_999_999_999_999_999)
        f.packages = Array(repeating: pkg(nil, nil, nil, weight: largest), count: 300)
        #expect(codes(f) == [""])
        #expect(OrderChecks.orderWeight(f)?.formatted(minFractionDigits: 0) == "299999999999999999999999999.9999999997")
    }

    @Test func heavyHHIsFine() {
        var f = seed001()  // HH with packages of 20.5 kg in total
        f.realWeight = .value(ExactDecimal(40))
        #expect(codes(f) == [])
    }

    @Test func noWeightKnownNoWeightFinding() {
        var f = lightTL()
        f.realWeight = .missing
        #expect(codes(f) == [])
    }

    // MARK: - InformFee rules

    @Test func hhNeedsInformFee() throws {
        var f = seed001()
        f.informFee = .missing
        let findings = OrderChecks.check(f)
        try #require(findings.count == 1)
        #expect(findings[0].code == "")
        #expect(findings[0].field == "InformFee")
    }

    @Test func dvbhNeedsInformFee() throws {
        var f = lightTL()
        f.hasDVBH = true
        let findings = OrderChecks.check(f)
        try #require(findings.count == 1)
        #expect(findings[0].code == "")
        #expect(findings[0].field == "InformFee")
        f.informFee = .value(ExactDecimal(1_000_000))
        #expect(codes(f) == [])
    }

    @Test func hhAndDVBHWithoutInformFeeBreakTwoRules() {
        var f = seed001()
        f.informFee = .missing
        f.hasDVBH = true
        // Two broken rules → two findings.
        #expect(codes(f) == ["", ""])
    }

    // MARK: - Packages count (19)

    @Test func packagesCountMustEqualQuantity() throws {
        var f = seed001()
        f.quantity = .value(ExactDecimal(4))  // 3 packages ≠ 4
        #expect(codes(f) == ["19"])
        f.quantity = .value(ExactDecimal(2))  // 3 ≠ 2
        #expect(codes(f) == ["19"])
        f.quantity = .value(ExactDecimal(3))
        #expect(codes(f) == [])
    }

    @Test func quantityOneMeansNoPackages() {
        var f = lightTL()
        f.quantity = .value(ExactDecimal(1))
        f.packages = [pkg(10, 10, 10, weight: ExactDecimal(1))]
        #expect(codes(f) == ["19"])  // one package although Quantity = 1
        f.packages = []
        #expect(codes(f) == [])
        f.packages = nil  // no Packages field at all
        #expect(codes(f) == [])
    }

    @Test func quantityWithoutPackagesIs19() {
        var f = lightTL()
        f.quantity = .value(ExactDecimal(2))
        f.packages = nil  // 0 packages ≠ 2
        #expect(codes(f) == ["19"])
    }

    @Test func missingQuantitySkipsTheCountCheck() {
        var f = seed001()
        f.quantity = .missing
        #expect(codes(f) == [])  // 3 packages, no Quantity → no finding 19
        f.packages?.append(pkg(1, 1, 1))
        #expect(codes(f) == [])
    }

    // MARK: - package dimensions (20)

    @Test func partialPackageDimensionsOneFindingPerPackage() throws {
        var f = seed001()
        f.quantity = .value(ExactDecimal(5))
        f.packages = [
            pkg(10, 10, 10),  // all three → fine
            pkg(10, nil, nil),  // one of three → 20
            pkg(10, 20, nil),  // two of three → 20
            pkg(nil, nil, nil, weight: ExactDecimal(1)),  // none → fine
            pkg(nil, 5, nil),  // one → 20
        ]
        let findings = OrderChecks.check(f)
        #expect(findings.map(\.code) == ["20", "20", "20"])
        // Each finding names a different package.
        #expect(Set(findings.map(\.field)).count == 3)
    }

    // MARK: - negative amounts and weights

    @Test func negativeAmountsAndWeights() {
        let minusOne = ExactDecimal(-1)
        var f = seed001()
        f.cod = .value(minusOne)
        #expect(OrderChecks.check(f).map { [$0.code, $0.field] } == [["", "CODAmount"]])

        f = seed001()
        f.informFee = .value(minusOne)
        #expect(OrderChecks.check(f).map { [$0.code, $0.field] } == [["", "InformFee"]])

        f = seed001()
        f.realWeight = .value(dec(-one / 2))  // −0.5 kg
        #expect(OrderChecks.check(f).map { [$0.code, $0.field] } == [["", "RealWeight"]])

        f = seed001()
        f.cop = .value(minusOne)
        #expect(OrderChecks.check(f).map(\.code) == [""])

        f = seed001()
        f.packages![1].weight = .value(minusOne)
        #expect(OrderChecks.check(f).map(\.code) == [""])  // one finding for that package's weight

        // Zero is not negative.
        f = seed001()
        f.cod = .value(.zero)
        f.realWeight = .value(.zero)
        #expect(OrderChecks.check(f).isEmpty)
    }

    // MARK: - rule order

    @Test func findingsComeInSpecRuleOrder() {
        var f = OrderRecordFields()  // everything missing
        f.quantity = .value(ExactDecimal(2))
        f.packages = [pkg(1, nil, nil)]
        // ServiceTypeID 10, ReceiverAddress 17, Province 3, District 2, ReceiverPhone "", hub "",
        // MailerType 18, Packages count 19 (1 ≠ 2), package 1 dimensions 20.
        #expect(codes(f) == ["10", "17", "3", "2", "", "", "18", "19", "20"])
        #expect(
            OrderChecks.check(f).prefix(5).map(\.field) == [
                "ServiceTypeID", "ReceiverAddress", "ReceiverProvinceName", "ReceiverDistrictName", "ReceiverPhone",
            ])
    }
}
