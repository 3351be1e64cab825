/// Simulates what happens to an order: created → picked up → in transit → out for delivery →
/// delivered (most), with failed attempts (1–3) before delivery or return, returns, a few lost,
/// confiscated or cancelled orders, and some that get stuck. Times are in the carrier's local
/// working hours. Events after the generation window are simply not exported (yet).
enum GenLifecycle {
    static let failureReasons: [GenReason] = [.unavailable, .rescheduled, .address, .refused, .away, .inspect, .damaged, .noCode]
    static let failureWeights = [34, 24, 9, 13, 9, 5, 3, 3]

    static func simulate(_ profile: OrderProfile, seed: UInt64, into events: inout [GenEvent]) {
        events.removeAll(keepingCapacity: true)
        if profile.recordOnly { return }
        let c = profile.carrier
        var r = GeneratorRandom(seed, .lifecycle, UInt64(c.rawValue), UInt64(profile.index))
        let h = GenSpan.hour, m = GenSpan.minute, d = GenSpan.day
        let transitDays: Int
        let firstAttempt: Int
        if c == .express247 {
            let province = GenVocabulary.provinces[profile.region]
            transitDays = province.transitDays
            firstAttempt = province.firstAttempt
        } else {
            let city = GenVocabulary.cities[profile.region]
            transitDays = city.transitDays
            firstAttempt = city.firstAttempt
        }

        let t0 = profile.created
        events.append(GenEvent(time: t0, step: .created))
        if r.chance(perMillion: 20_000) {
            events.append(GenEvent(time: t0 + r.int64(20 * m ... 18 * h), step: .cancelled))
            return
        }
        var pick = t0 + r.int64(1 * h ... 6 * h)
        let pickMs = c.msOfDay(pick)
        if pickMs >= 19 * h || pickMs < 7 * h {
            pick = c.at(c.localDay(pick) + (pickMs >= 19 * h ? 1 : 0), msOfDay: r.int64(8 * h ... 11 * h))
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
        var days = profile.express ? max(0, transitDays - 1) : transitDays
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

        deliver(profile, arrival: arrival, firstAttempt: firstAttempt, random: &r, into: &events)
    }

    /// The last mile from the order's arrival at the delivery hub: up to three delivery attempts
    /// (the first succeeds with the region's `firstAttempt` percent), then a return after the last
    /// failure or an early refusal; an order may get stuck after any failure or on the way back.
    @inline(__always)
    private static func deliver(
        _ profile: OrderProfile, arrival: Int64, firstAttempt: Int, random: inout GeneratorRandom, into events: inout [GenEvent]
    ) {
        let c = profile.carrier
        let h = GenSpan.hour, m = GenSpan.minute, d = GenSpan.day
        let pool = c == .express247 ? GenVocabulary.provinces[profile.region].couriers : 1
        var courier = Int16(random.below(pool))
        var day = c.localDay(arrival) + (c.msOfDay(arrival) >= 7 * h ? 1 : 0)
        var feedback: UInt8 = 0
        var last = arrival
        var goReturn = false
        for attempt in 1 ... 3 {
            if GenCarrier.weekday(day) == 0 && random.percent(60) { day += 1 }
            let outAt = c.at(day, msOfDay: random.int64(7 * h + 30 * m ... 10 * h))
            events.append(GenEvent(time: outAt, step: .outForDelivery, feedback: feedback, courier: courier))
            if random.percent(attempt == 1 ? firstAttempt : 58) {
                events.append(GenEvent(time: outAt + random.int64(40 * m ... 9 * h), step: .delivered, feedback: feedback, courier: courier))
                return
            }
            let failAt = outAt + random.int64(1 * h ... 9 * h)
            let reason = failureReasons[random.weighted(failureWeights)]
            // The shop asks the recipient for feedback after most failures (sometimes twice).
            if random.percent(70) { feedback += random.percent(12) ? 2 : 1 }
            events.append(GenEvent(time: failAt, step: .attemptFailed, reason: reason, feedback: feedback, courier: courier))
            last = failAt
            if random.chance(perMillion: 15_000) { return }  // stuck after a failed attempt
            if attempt == 3 || (reason == .refused && random.percent(75)) || (reason == .address && random.percent(40)) {
                goReturn = true
                break
            }
            day = c.localDay(failAt) + (reason == .rescheduled ? Int64(random.int(1 ... 3)) : 1)
            if random.percent(25) { courier = Int16(random.below(pool)) }
        }
        guard goReturn else { return }
        let returning = last + random.int64(3 * h ... 20 * h)
        events.append(GenEvent(time: returning, step: .returning, feedback: feedback, courier: courier))
        if random.chance(perMillion: 30_000) { return }  // stuck on the way back
        events.append(GenEvent(time: returning + random.int64(2 * d ... 6 * d), step: .returned, feedback: feedback, courier: courier))
    }
}
