// The generator's model of a shop's orders: when each order is created, what it is (receiver,
// place, COD, parcel), and what happens to it (its lifecycle of status events). Everything is a
// pure function of the seed and the order's index, so any part can be recomputed on demand.

/// An order-record defect: one rule of the carrier's order checks broken on purpose (SPEC §6).
enum OrderDefect: Int, CaseIterable {
    case none = 0, noPhone, emptyAddress, nullDistrict, noProvince, noMailerType, badMailerType, heavyTL,
        hhWithoutInformFee, insuranceWithoutInformFee, quantityMismatch, partialDimensions, noServiceType, noHub
}

/// How an order record is sent again later (the last record wins, SPEC §4).
enum OrderResend: Int {
    case none = 0, unchanged, codChanged, corrected
}

/// What an order is: everything the records and events of one order need, drawn from the
/// order's own random stream.
struct OrderProfile {
    var carrier: GenCarrier
    var index: Int
    var created: Int64
    /// Province (247Express) or city (HoundExpress).
    var region: Int
    var district: Int
    var street: Int
    var houseNumber: Int
    var female: Bool
    var family: Int
    var middle: Int
    var given: Int
    var surname2: Int
    var shop: Int
    /// 0 = `DE`, 1 = `ED` (express: one line-haul day less).
    var express: Bool
    /// COD in VND as first sent and as finally sent (they differ for `.codChanged`).
    var cod: Int
    var codFinal: Int
    var informFee: Int
    var weightTenths: Int
    var quantity: Int
    var documents: Bool
    var insurance: Bool
    var extraPTN: Bool
    var defect: OrderDefect
    var resend: OrderResend
    /// 247Express: the order has a record but never reaches the carrier (no events).
    var recordOnly: Bool
    /// 247Express: events without any order record.
    var noRecord: Bool
    /// HoundExpress: notifications by webhook (else changeOrderStatus).
    var webhook: Bool
    /// A numeric prefix (yyMM) of the creation month, for 247Express order codes.
    var yymm: Int

    /// Typical shop prices (VND), cheap ones more frequent.
    static let prices = [
        59_000, 79_000, 89_000, 99_000, 119_000, 129_000, 149_000, 159_000, 179_000, 199_000, 229_000, 249_000,
        279_000, 299_000, 329_000, 349_000, 399_000, 450_000, 499_000, 550_000, 599_000, 650_000, 750_000,
        890_000, 990_000, 1_150_000, 1_290_000, 1_490_000, 1_790_000, 1_990_000, 2_490_000, 2_990_000,
        3_490_000, 4_990_000,
    ]
    static let shippingFees = [0, 0, 15_000, 20_000, 25_000, 30_000, 35_000]

    init(seed: UInt64, carrier: GenCarrier, index: Int, created: Int64) {
        var r = GeneratorRandom(seed, .orderProfile, UInt64(carrier.rawValue), UInt64(index))
        self.carrier = carrier
        self.index = index
        self.created = created
        let civil = GenCivilTime(created, offsetSeconds: carrier.offsetSeconds)
        yymm = (civil.year % 100) * 100 + civil.month
        if carrier == .express247 {
            region = r.weighted(GenVocabulary.provinceWeights)
            district = r.below(GenVocabulary.provinces[region].districts.count)
        } else {
            region = r.weighted(GenVocabulary.cityWeights)
            district = 0
        }
        street = r.below(GenVocabulary.vnStreets.count)
        houseNumber = r.int(1 ... 320)
        female = r.percent(58)
        family = r.below(carrier == .express247 ? GenVocabulary.vnFamily.count : GenVocabulary.mxSurname.count)
        middle = r.below(female ? GenVocabulary.vnMiddleFemale.count : GenVocabulary.vnMiddleMale.count)
        given = r.below(
            carrier == .express247
                ? (female ? GenVocabulary.vnGivenFemale.count : GenVocabulary.vnGivenMale.count)
                : GenVocabulary.mxGiven.count)
        surname2 = r.below(GenVocabulary.mxSurname.count)
        shop = r.weighted([70, 22, 8])
        express = r.percent(25)
        (documents, weightTenths, quantity) = Self.drawParcel(&r)
        cod = Self.drawCOD(documents: documents, &r)
        informFee = cod > 0 ? cod : Self.prices[r.below(Self.prices.count)]
        insurance = !documents && r.percent(5)
        extraPTN = r.percent(15)
        defect = r.chance(perMillion: 25_000) ? OrderDefect(rawValue: 1 + r.below(OrderDefect.allCases.count - 1))! : .none
        if defect == .quantityMismatch || defect == .partialDimensions, quantity < 2 {
            quantity = 2
            weightTenths = max(weightTenths, 6)
            documents = false
        }
        if defect == .heavyTL {
            weightTenths = max(weightTenths, r.int(25 ... 60))
            documents = false
        }
        if defect == .insuranceWithoutInformFee {
            weightTenths = min(weightTenths, 20)
            quantity = 1
        }
        switch r.below(1000) {
        case 0 ..< 4: resend = .unchanged
        case 4 ..< 8: resend = .codChanged
        case 8 ..< 12: resend = .corrected
        default: resend = .none
        }
        codFinal = cod
        if resend == .codChanged {
            codFinal = cod == 0 ? Self.prices[r.below(8)] : cod + (r.percent(50) ? 50_000 : -min(cod / 2, 30_000) / 1000 * 1000)
        }
        recordOnly = carrier == .express247 && r.chance(perMillion: 3000)
        noRecord = carrier == .express247 && !recordOnly && r.chance(perMillion: 5000)
        webhook = carrier == .hound && r.percent(35)
    }

    /// The parcel: mostly light goods, some documents, some heavy multi-package orders.
    @inline(__always)
    private static func drawParcel(_ random: inout GeneratorRandom) -> (documents: Bool, weightTenths: Int, quantity: Int) {
        let documents = random.percent(8)
        if documents {
            return (documents, random.int(1 ... 5), 1)
        } else if random.percent(14) {
            let weightTenths = random.int(25 ... 150)
            return (documents, weightTenths, random.weighted([40, 35, 25]) + 1)
        } else {
            return (documents, random.int(2 ... 24), 1)
        }
    }

    /// The COD (VND): a fifth prepaid, documents never; otherwise a shop price (the minimum of two
    /// draws favours cheap items) plus, sometimes, the shipping fee.
    @inline(__always)
    private static func drawCOD(documents: Bool, _ random: inout GeneratorRandom) -> Int {
        if documents || random.percent(20) { return 0 }
        let i = min(random.below(prices.count), random.below(prices.count))
        return prices[i] + shippingFees[random.below(shippingFees.count)]
    }

    /// `TL` (documents, light) or `HH` (goods); the defects that need `TL` force it.
    var isTL: Bool { documents || defect == .heavyTL || defect == .insuranceWithoutInformFee }
}
