/// The generator's model of a shop's orders: when each order is created, what it is (receiver,
/// place, COD, parcel), and what happens to it (its lifecycle of status events). Everything is a
/// pure function of the seed and the order's index, so any part can be recomputed on demand.

/// Milliseconds.
enum GenSpan {
    static let second: Int64 = 1000
    static let minute: Int64 = 60_000
    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000
}

/// The two carriers as the generator sees them.
enum GenCarrier: Int {
    case express247 = 0
    case hound = 1

    /// Fixed UTC offset of the carrier's local time, seconds (Asia/Ho_Chi_Minh, America/Mexico_City).
    var offsetSeconds: Int { self == .express247 ? 7 * 3600 : -6 * 3600 }
    var offsetMillis: Int64 { Int64(offsetSeconds) * 1000 }

    func localDay(_ t: Int64) -> Int64 {
        let l = t + offsetMillis
        return l >= 0 ? l / GenSpan.day : (l - GenSpan.day + 1) / GenSpan.day
    }

    func msOfDay(_ t: Int64) -> Int64 { t + offsetMillis - localDay(t) * GenSpan.day }

    /// The instant of a local day number and time of day.
    func at(_ day: Int64, _ msOfDay: Int64) -> Int64 { day * GenSpan.day + msOfDay - offsetMillis }

    /// 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
    static func weekday(_ day: Int64) -> Int { Int(((day + 4) % 7 + 7) % 7) }
}

/// When orders are created: a per-day volume (weekday pattern, a slight upward trend, the
/// Vietnamese "double day" sales such as 3/3) spread evenly over the shop's working hours, so
/// creation instants increase with the order index.
struct CreationSchedule {
    let carrier: GenCarrier
    let firstDay: Int64
    /// Index of the first order of each day; `starts.count == days + 1`.
    let starts: [Int]
    let seed: UInt64

    static let openMs: Int64 = 7 * GenSpan.hour
    static let spanMs: Int64 = 14 * GenSpan.hour + 30 * GenSpan.minute

    init(carrier: GenCarrier, orders: Int, firstDay: Int64, days: Int, seed: UInt64) {
        self.carrier = carrier
        self.firstDay = firstDay
        self.seed = seed
        let weekdayWeight = [60, 115, 105, 100, 100, 105, 85]  // Sunday … Saturday
        var weights: [Int] = []
        for d in 0 ..< days {
            let day = firstDay + Int64(d)
            var w = weekdayWeight[GenCarrier.weekday(day)] * (100 + 30 * d / max(1, days))
            let civil = GenCivilTime(day * GenSpan.day, offsetSeconds: 0)
            if carrier == .express247 && civil.day == civil.month { w *= 2 }
            weights.append(w)
        }
        let total = weights.reduce(0, +)
        var starts: [Int] = [0]
        var cumulative = 0
        for w in weights {
            cumulative += w
            starts.append(Int((Int64(orders) * Int64(cumulative)) / Int64(total)))
        }
        self.starts = starts
    }

    var count: Int { starts[starts.count - 1] }

    /// The creation instant of order `index` (increasing with `index`).
    func created(_ index: Int) -> Int64 {
        var lo = 0, hi = starts.count - 2
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= index { lo = mid } else { hi = mid - 1 }
        }
        let n = Int64(starts[lo + 1] - starts[lo])
        let j = Int64(index - starts[lo])
        let slot = Self.spanMs / max(1, n)
        var r = GeneratorRandom(seed, .creation, UInt64(carrier.rawValue), UInt64(index))
        let jitter = slot > 1 ? Int64(r.below(Int(slot))) : 0
        return carrier.at(firstDay + Int64(lo), Self.openMs + Self.spanMs * j / max(1, n) + jitter)
    }
}

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
        given = r.below(carrier == .express247 ? (female ? GenVocabulary.vnGivenFemale.count : GenVocabulary.vnGivenMale.count)
                                                : GenVocabulary.mxGiven.count)
        surname2 = r.below(GenVocabulary.mxSurname.count)
        shop = r.weighted([70, 22, 8])
        express = r.percent(25)
        // Parcel: mostly light goods, some documents, some heavy multi-package orders.
        documents = r.percent(8)
        if documents {
            weightTenths = r.int(1 ... 5)
            quantity = 1
        } else if r.percent(14) {
            weightTenths = r.int(25 ... 150)
            quantity = r.weighted([40, 35, 25]) + 1
        } else {
            weightTenths = r.int(2 ... 24)
            quantity = 1
        }
        // COD: a fifth prepaid; otherwise a shop price (the minimum of two draws favours cheap
        // items) plus, sometimes, the shipping fee.
        if documents || r.percent(20) {
            cod = 0
        } else {
            let i = min(r.below(Self.prices.count), r.below(Self.prices.count))
            cod = Self.prices[i] + Self.shippingFees[r.below(Self.shippingFees.count)]
        }
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

    /// `TL` (documents, light) or `HH` (goods); the defects that need `TL` force it.
    var isTL: Bool { documents || defect == .heavyTL || defect == .insuranceWithoutInformFee }
}

/// Lifecycle steps (what happened), rendered into each carrier's codes.
enum GenStep: UInt8 {
    case created = 0, pickedUp, inTransit, transitDelay, held, outForDelivery, attemptFailed, returning, returned,
         delivered, lost, confiscated, cancelled
}

/// Why an attempt failed (or transit was delayed). 1–8 are the 247Express DelayCodes S01–S08.
enum GenReason: UInt8 {
    case none = 0, rescheduled, unavailable, address, refused, damaged, weather, away, inspect, noCode
}

/// One status event of a simulated lifecycle.
struct GenEvent {
    var time: Int64
    var step: GenStep
    var reason: GenReason = .none
    var feedback: UInt8 = 0
    /// Courier (247Express Mailman) index within the province's pool, -1 = none.
    var courier: Int16 = -1
}

/// Simulates what happens to an order: created → picked up → in transit → out for delivery →
/// delivered (most), with failed attempts (1–3) before delivery or return, returns, a few lost,
/// confiscated or cancelled orders, and some that get stuck. Times are in the carrier's local
/// working hours. Events after the generation window are simply not exported (yet).
enum GenLifecycle {
    static let failureReasons: [GenReason] = [.unavailable, .rescheduled, .address, .refused, .away, .inspect, .damaged, .noCode]
    static let failureWeights = [34, 24, 9, 13, 9, 5, 3, 3]

    static func simulate(_ p: OrderProfile, seed: UInt64, into events: inout [GenEvent]) {
        events.removeAll(keepingCapacity: true)
        if p.recordOnly { return }
        let c = p.carrier
        var r = GeneratorRandom(seed, .lifecycle, UInt64(c.rawValue), UInt64(p.index))
        let h = GenSpan.hour, m = GenSpan.minute, d = GenSpan.day
        let transitDays: Int
        let firstAttempt: Int
        if c == .express247 {
            let province = GenVocabulary.provinces[p.region]
            transitDays = province.transitDays
            firstAttempt = province.firstAttempt
        } else {
            let city = GenVocabulary.cities[p.region]
            transitDays = city.transitDays
            firstAttempt = city.firstAttempt
        }

        let t0 = p.created
        events.append(GenEvent(time: t0, step: .created))
        if r.chance(perMillion: 20_000) {
            events.append(GenEvent(time: t0 + r.int64(20 * m ... 18 * h), step: .cancelled))
            return
        }
        var pick = t0 + r.int64(1 * h ... 6 * h)
        let pickMs = c.msOfDay(pick)
        if pickMs >= 19 * h || pickMs < 7 * h {
            pick = c.at(c.localDay(pick) + (pickMs >= 19 * h ? 1 : 0), r.int64(8 * h ... 11 * h))
        }
        events.append(GenEvent(time: pick, step: .pickedUp))
        if r.chance(perMillion: 5000) { return }  // stuck at the pick-up hub

        var departure = pick + r.int64(1 * h ... 5 * h)
        events.append(GenEvent(time: departure, step: .inTransit))
        if r.chance(perMillion: 30_000) {
            let delay = departure + r.int64(2 * h ... 8 * h)
            events.append(GenEvent(time: delay, step: .transitDelay, reason: .weather))
            departure = delay + r.int64(10 * h ... 26 * h)
        }
        var days = p.express ? max(0, transitDays - 1) : transitDays
        if r.percent(15) { days += 1 }
        var arrival = departure + Int64(days) * d + r.int64(2 * h ... 8 * h)
        if days >= 1 && r.percent(60) { events.append(GenEvent(time: arrival, step: .inTransit)) }
        if r.chance(perMillion: 4000) {
            events.append(GenEvent(time: arrival + r.int64(1 * d ... 5 * d), step: .lost))
            return
        }
        if r.chance(perMillion: 1500) {
            events.append(GenEvent(time: arrival + r.int64(4 * h ... 2 * d), step: .confiscated))
            return
        }
        if r.chance(perMillion: 10_000) { return }  // stuck in transit
        if r.chance(perMillion: 1500) {
            arrival += r.int64(1 * h ... 3 * h)
            events.append(GenEvent(time: arrival, step: .held))
            arrival += r.int64(12 * h ... 30 * h)
        }

        let pool = c == .express247 ? GenVocabulary.provinces[p.region].couriers : 1
        var courier = Int16(r.below(pool))
        var day = c.localDay(arrival) + (c.msOfDay(arrival) >= 7 * h ? 1 : 0)
        var feedback: UInt8 = 0
        var last = arrival
        var goReturn = false
        for attempt in 1 ... 3 {
            if GenCarrier.weekday(day) == 0 && r.percent(60) { day += 1 }
            let outAt = c.at(day, r.int64(7 * h + 30 * m ... 10 * h))
            events.append(GenEvent(time: outAt, step: .outForDelivery, feedback: feedback, courier: courier))
            if r.percent(attempt == 1 ? firstAttempt : 58) {
                events.append(GenEvent(time: outAt + r.int64(40 * m ... 9 * h), step: .delivered, feedback: feedback, courier: courier))
                return
            }
            let failAt = outAt + r.int64(1 * h ... 9 * h)
            let reason = failureReasons[r.weighted(failureWeights)]
            // The shop asks the recipient for feedback after most failures (sometimes twice).
            if r.percent(70) { feedback += r.percent(12) ? 2 : 1 }
            events.append(GenEvent(time: failAt, step: .attemptFailed, reason: reason, feedback: feedback, courier: courier))
            last = failAt
            if r.chance(perMillion: 15_000) { return }  // stuck after a failed attempt
            if attempt == 3 || (reason == .refused && r.percent(75)) || (reason == .address && r.percent(40)) {
                goReturn = true
                break
            }
            day = c.localDay(failAt) + (reason == .rescheduled ? Int64(r.int(1 ... 3)) : 1)
            if r.percent(25) { courier = Int16(r.below(pool)) }
        }
        guard goReturn else { return }
        let returning = last + r.int64(3 * h ... 20 * h)
        events.append(GenEvent(time: returning, step: .returning, feedback: feedback, courier: courier))
        if r.chance(perMillion: 30_000) { return }  // stuck on the way back
        events.append(GenEvent(time: returning + r.int64(2 * d ... 6 * d), step: .returned, feedback: feedback, courier: courier))
    }
}
