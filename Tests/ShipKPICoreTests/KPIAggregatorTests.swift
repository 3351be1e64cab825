import ShipKPICore
import Testing

// SPEC §5 (KPIs), §4 (order of events, duplicates) and §11 "Tables", one definition per test.
// Every expectation is computed by hand from the SPEC's definitions; the arithmetic is in the
// comment beside it. Instants: `t0` = 2026-03-01T00:00:00Z, `h` = one hour, `d` = one day (ms).

private let vn = Carrier.express247
private let mx = Carrier.houndExpress
private typealias E = TB.E
private let t0 = TB.t0
private let h = TB.hour
private let d = TB.day

@Suite struct KPIAggregatorTests {
    // MARK: - events / orders

    @Test func eventsAndOrdersCountAcceptedEventsAndDistinctOrders() throws {
        let report = TB.run([
            [
                E(vn, "A1", .created, t0),
                E(vn, "A1", .pickedUp, t0 + 1 * h),
                E(vn, "A2", .pickedUp, t0 + 2 * h),
                E(mx, "H1", .inTransit, t0 + 3 * h),
                E(vn, "A1", .inTransit, t0 + 4 * h),
                E(mx, "H1", .delivered, t0 + 5 * h),
                // Same order code as a 247Express order: a different order (key = carrier, code).
                E(mx, "A1", .inTransit, t0 + 6 * h),
            ]
        ])
        let v = try #require(report.summary("247express"))
        let m = try #require(report.summary("houndexpress"))
        let all = try #require(report.summary("ALL"))
        #expect(v.events == 4)  // A1 ×3 + A2 ×1
        #expect(v.orders == 2)  // A1, A2
        #expect(m.events == 3)  // H1 ×2 + A1(hound) ×1
        #expect(m.orders == 2)  // H1, A1(hound)
        #expect(all.events == 7)  // 4 + 3
        #expect(all.orders == 4)  // 2 + 2
    }

    // MARK: - final status (§4 order)

    @Test func finalStatusIsLastInEventOrderNotLastLineRead() throws {
        // Read order: DELIVERED (t0+10h), PICKED_UP (t0+1h), IN_TRANSIT (t0+5h).
        // §4 order by instant: PICKED_UP < IN_TRANSIT < DELIVERED → final DELIVERED, although
        // IN_TRANSIT is the last line read.
        let report = TB.run([
            [
                E(vn, "A1", .delivered, t0 + 10 * h),
                E(vn, "A1", .pickedUp, t0 + 1 * h),
                E(vn, "A1", .inTransit, t0 + 5 * h),
            ]
        ])
        let s = try #require(report.summary("247express"))
        #expect(s.delivered == 1)
        #expect(s.open == 0)
        let row = try #require(report.order(vn, "A1"))
        #expect(row.finalStatus == .delivered)
        #expect(report.finalCodeString(row) == "30")
        #expect(row.finalEventAt == t0 + 10 * h)
        #expect(row.firstEventAt == t0 + 1 * h)  // earliest instant, not the first line
    }

    @Test func finalStatusAcrossBatchesUsesEventOrder() throws {
        // Batch 1 holds the DELIVERED at t0+10h; batch 2 (read later) an OUT_FOR_DELIVERY at t0+9h.
        // t0+9h < t0+10h → final DELIVERED.
        let report = TB.run([
            [E(vn, "A1", .delivered, t0 + 10 * h)],
            [E(vn, "A1", .outForDelivery, t0 + 9 * h)],
        ])
        #expect(try #require(report.order(vn, "A1")).finalStatus == .delivered)
    }

    @Test func sameInstantDifferentRanksHigherRankIsLater() throws {
        let at = t0 + 5 * h
        let report = TB.run([
            [
                // DELIVERED (rank 7) read before ATTEMPT_FAILED (rank 5), same instant → final DELIVERED.
                E(vn, "R1", .delivered, at),
                E(vn, "R1", .attemptFailed, at),
                // OUT_FOR_DELIVERY (4) then IN_TRANSIT (3) read last → final OUT_FOR_DELIVERY.
                E(vn, "R2", .outForDelivery, at),
                E(vn, "R2", .inTransit, at),
                // CREATED (1) then UNKNOWN (0) read last → final CREATED.
                E(vn, "R3", .created, at),
                E(vn, "R3", .unknown, at, code: "77"),
                // RETURNING (6) read after RETURNED (7) → final RETURNED.
                E(vn, "R4", .returned, at),
                E(vn, "R4", .returning, at),
            ]
        ])
        #expect(try #require(report.order(vn, "R1")).finalStatus == .delivered)
        #expect(try #require(report.order(vn, "R2")).finalStatus == .outForDelivery)
        #expect(try #require(report.order(vn, "R3")).finalStatus == .created)
        #expect(try #require(report.order(vn, "R4")).finalStatus == .returned)
    }

    @Test func sameInstantSameRankLaterInputPositionWins() throws {
        let at = t0 + 5 * h
        let report = TB.run([
            [
                // DELIVERED and RETURNED both rank 7: the later input position wins.
                E(vn, "S1", .delivered, at),
                E(vn, "S1", .returned, at),
                E(vn, "S2", .returned, at),
                E(vn, "S2", .delivered, at),
                E(vn, "S3", .lost, at),
            ],
            // Across batches the position keeps counting: batch 2 comes after batch 1.
            [E(vn, "S3", .cancelled, at)],
        ])
        #expect(try #require(report.order(vn, "S1")).finalStatus == .returned)
        #expect(try #require(report.order(vn, "S2")).finalStatus == .delivered)
        #expect(try #require(report.order(vn, "S3")).finalStatus == .cancelled)
        let s = try #require(report.summary("247express"))
        #expect(s.returned == 1)  // S1
        #expect(s.delivered == 1)  // S2
        #expect(s.cancelled == 1)  // S3
        #expect(s.lost == 0)
    }

    // MARK: - outcome counts, resolved, success_rate

    @Test func outcomeCountsByFinalStatusUnknownIsOpen() throws {
        var events: [E] = []
        // One order per final status (each a single event), two DELIVERED.
        let finals: [(String, CanonicalStatus)] = [
            ("D1", .delivered), ("D2", .delivered), ("RT", .returned), ("LO", .lost), ("CF", .confiscated),
            ("CA", .cancelled), ("O1", .created), ("O2", .pickedUp), ("O3", .inTransit), ("O4", .outForDelivery),
            ("O5", .attemptFailed), ("O6", .returning), ("O7", .unknown),
        ]
        for (i, (code, status)) in finals.enumerated() { events.append(E(vn, code, status, t0 + Int64(i) * h)) }
        let report = TB.run([events])
        let s = try #require(report.summary("247express"))
        #expect(s.orders == 13)
        #expect(s.delivered == 2)
        #expect(s.returned == 1)
        #expect(s.lost == 1)
        #expect(s.confiscated == 1)
        #expect(s.cancelled == 1)
        #expect(s.open == 7)  // CREATED, PICKED_UP, IN_TRANSIT, OFD, ATTEMPT_FAILED, RETURNING, UNKNOWN
        #expect(s.resolved == 5)  // 2 + 1 + 1 + 1; cancelled not included
        #expect(s.successRate == "0.4000")  // 2 / 5
    }

    @Test func successRateIsEmptyWithoutResolvedOrders() throws {
        // Only an open and a cancelled order: resolved = 0 → empty, never 0 or NaN.
        let report = TB.run([[E(vn, "A", .inTransit, t0), E(vn, "B", .cancelled, t0)]])
        let s = try #require(report.summary("247express"))
        #expect(s.resolved == 0)
        #expect(s.successRate == nil)
    }

    @Test func successRateTwoThirds() throws {
        // 2 delivered, 1 lost: 2 / 3 = 0.66666… → 0.6667.
        let report = TB.run([[E(vn, "A", .delivered, t0), E(vn, "B", .delivered, t0), E(vn, "C", .lost, t0)]])
        #expect(try #require(report.summary("ALL")).successRate == "0.6667")
    }

    // MARK: - attempted

    @Test func attemptedCountsResolvedOrdersWithAnAttemptEvent() throws {
        let report = TB.run([
            [
                E(vn, "O1", .pickedUp, t0), E(vn, "O1", .delivered, t0 + h),  // resolved, DELIVERED → yes
                E(vn, "O2", .pickedUp, t0), E(vn, "O2", .outForDelivery, t0 + h), E(vn, "O2", .returned, t0 + 2 * h),  // resolved, OFD → yes
                E(vn, "O3", .pickedUp, t0), E(vn, "O3", .returned, t0 + h),  // resolved, no attempt → no
                E(vn, "O4", .outForDelivery, t0), E(vn, "O4", .cancelled, t0 + h),  // cancelled → not resolved → no
                E(vn, "O5", .outForDelivery, t0),  // open with OFD → no
                E(vn, "O6", .attemptFailed, t0), E(vn, "O6", .lost, t0 + h),  // resolved, ATTEMPT_FAILED → yes
                E(vn, "O7", .inTransit, t0), E(vn, "O7", .confiscated, t0 + h),  // resolved, no attempt → no
            ]
        ])
        let s = try #require(report.summary("247express"))
        #expect(s.resolved == 5)  // O1, O2, O3, O6, O7
        #expect(s.attempted == 3)  // O1, O2, O6
    }

    // MARK: - first_attempt_delivered, first_attempt_rate, failed_attempts

    @Test func firstAttemptDelivered() throws {
        let report = TB.run([
            [
                // F1: OFD, DELIVERED → first attempt.
                E(vn, "F1", .outForDelivery, t0 + 1 * h), E(vn, "F1", .delivered, t0 + 2 * h),
                // F2: OFD, ATTEMPT_FAILED, OFD, DELIVERED → not first attempt.
                E(vn, "F2", .outForDelivery, t0 + 1 * h), E(vn, "F2", .attemptFailed, t0 + 2 * h),
                E(vn, "F2", .outForDelivery, t0 + 3 * h), E(vn, "F2", .delivered, t0 + 4 * h),
                // F3: ATTEMPT_FAILED at the same instant as DELIVERED, read after it: rank 5 < 7, so it
                // sorts before the DELIVERED → counts → not first attempt.
                E(vn, "F3", .delivered, t0 + 5 * h), E(vn, "F3", .attemptFailed, t0 + 5 * h),
                // F4: ATTEMPT_FAILED read after DELIVERED but earlier instant → before it → not first attempt.
                E(vn, "F4", .delivered, t0 + 5 * h), E(vn, "F4", .attemptFailed, t0 + 3 * h),
                // F5: AF t0+2h, DELIVERED t0+4h, then (read last) a DELIVERED at t0+1h. The last DELIVERED
                // in §4 order is t0+4h (not the last one read, t0+1h); AF t0+2h < t0+4h → not first attempt.
                E(vn, "F5", .attemptFailed, t0 + 2 * h), E(vn, "F5", .delivered, t0 + 4 * h),
                E(vn, "F5", .delivered, t0 + 1 * h),
                // F6: DELIVERED then an ATTEMPT_FAILED after it: the AF is the final event → open,
                // not delivered → not counted anywhere.
                E(vn, "F6", .delivered, t0 + 1 * h), E(vn, "F6", .attemptFailed, t0 + 2 * h),
                // F7: DELIVERED alone → first attempt (DELIVERED is itself the attempt).
                E(vn, "F7", .delivered, t0 + 1 * h),
                // F8: ATTEMPT_FAILED, RETURNED → not delivered.
                E(vn, "F8", .attemptFailed, t0 + 1 * h), E(vn, "F8", .returned, t0 + 2 * h),
            ]
        ])
        let s = try #require(report.summary("247express"))
        #expect(s.delivered == 6)  // F1, F2, F3, F4, F5, F7
        #expect(s.firstAttemptDelivered == 2)  // F1, F7
        #expect(s.attempted == 7)  // F1, F2, F3, F4, F5, F7, F8 (F6 is open)
        #expect(s.firstAttemptRate == "0.2857")  // 2 / 7 = 0.285714… → 0.2857
        #expect(s.failedAttempts == 6)  // one AF event in each of F2, F3, F4, F5, F6, F8
        #expect(s.open == 1)  // F6
        #expect(try #require(report.order(vn, "F6")).finalStatus == .attemptFailed)
    }

    @Test func firstAttemptDeliveredUsesEventOrderWhenFailureComesLaterInTheFile() throws {
        // A single order whose ATTEMPT_FAILED line comes after the DELIVERED line but happened before.
        let report = TB.run([[E(vn, "X", .delivered, t0 + 5 * h), E(vn, "X", .attemptFailed, t0 + 4 * h)]])
        let s = try #require(report.summary("247express"))
        #expect(s.delivered == 1)
        #expect(s.firstAttemptDelivered == 0)
        #expect(s.firstAttemptRate == "0.0000")  // 0 / 1
    }

    @Test func firstAttemptRateEmptyWhenNothingAttempted() throws {
        // An open order with OFD (not resolved → not attempted) and a cancelled one: attempted = 0.
        let report = TB.run([
            [
                E(vn, "A", .outForDelivery, t0),
                E(vn, "B", .outForDelivery, t0), E(vn, "B", .cancelled, t0 + h),
            ]
        ])
        let s = try #require(report.summary("247express"))
        #expect(s.attempted == 0)
        #expect(s.firstAttemptDelivered == 0)
        #expect(s.firstAttemptRate == nil)
    }

    @Test func failedAttemptsCountEventsNotOrders() throws {
        let report = TB.run([
            [
                // A: three ATTEMPT_FAILED events (different instants), then DELIVERED.
                E(vn, "A", .attemptFailed, t0 + 1 * h), E(vn, "A", .attemptFailed, t0 + 2 * h),
                E(vn, "A", .attemptFailed, t0 + 3 * h), E(vn, "A", .delivered, t0 + 4 * h),
                // B: two ATTEMPT_FAILED, plus a duplicate of the first (same identity) that is not counted.
                E(vn, "B", .attemptFailed, t0 + 1 * h), E(vn, "B", .attemptFailed, t0 + 2 * h),
                E(vn, "B", .attemptFailed, t0 + 1 * h),
                // Hound: one.
                E(mx, "H", .attemptFailed, t0 + 1 * h),
            ]
        ])
        #expect(try #require(report.summary("247express")).failedAttempts == 5)  // 3 + 2
        #expect(try #require(report.summary("houndexpress")).failedAttempts == 1)
        #expect(try #require(report.summary("ALL")).failedAttempts == 6)  // 5 + 1
        #expect(try #require(report.order(vn, "A")).failedAttempts == 3)
        #expect(try #require(report.order(vn, "B")).failedAttempts == 2)
    }

    // MARK: - lead times

    /// Lead-time lists (hours) with their nearest-rank p50 = ⌈n/2⌉-th, p90 = ⌈9n/10⌉-th smallest
    /// and the mean of the exact values.
    static let leadCases: [(hours: [Int], p50: String, p90: String, mean: String)] = [
        // n = 1: ⌈0.5⌉ = 1, ⌈0.9⌉ = 1 → 5; mean 5.
        ([5], "5.00", "5.00", "5.00"),
        // n = 2: sorted [1, 4]; ⌈1.0⌉ = 1st = 1; ⌈1.8⌉ = 2nd = 4; mean 5/2 = 2.5.
        ([4, 1], "1.00", "4.00", "2.50"),
        // n = 3: sorted [1, 2, 3]; ⌈1.5⌉ = 2nd = 2; ⌈2.7⌉ = 3rd = 3; mean 6/3 = 2.
        ([3, 1, 2], "2.00", "3.00", "2.00"),
        // n = 10: 10, 9, …, 1 → sorted 1…10; ⌈5⌉ = 5th = 5; ⌈9⌉ = 9th = 9; mean 55/10 = 5.5.
        ([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], "5.00", "9.00", "5.50"),
        // n = 11: 1…11; ⌈5.5⌉ = 6th = 6; ⌈9.9⌉ = 10th = 10; mean 66/11 = 6.
        ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], "6.00", "10.00", "6.00"),
        // n = 11 with 1…10 and 100: p50 6th = 6; p90 10th = 10; mean 155/11 = 14.0909… → 14.09.
        ([100, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "6.00", "10.00", "14.09"),
    ]

    @Test(arguments: leadCases.indices)
    func leadTimePercentilesNearestRank(caseIndex: Int) throws {
        let c = Self.leadCases[caseIndex]
        var events: [E] = []
        for (i, hours) in c.hours.enumerated() {
            events.append(E(vn, "L\(i)", .pickedUp, t0))
            events.append(E(vn, "L\(i)", .delivered, t0 + Int64(hours) * h))
        }
        let s = try #require(TB.run([events]).summary("247express"))
        #expect(s.delivered == Int64(c.hours.count))
        #expect(s.leadTimeP50 == c.p50)
        #expect(s.leadTimeP90 == c.p90)
        #expect(s.leadTimeMean == c.mean)
    }

    @Test func leadTimeIsLastDeliveredMinusFirstPickup() throws {
        let report = TB.run([
            [
                // PICKED_UP read at t0+2h, t0+1h, t0+3h; DELIVERED read at t0+5h, t0+7h, t0+6h.
                // First PICKED_UP (earliest) = t0+1h — not the first read (2h) nor the last read (3h);
                // last DELIVERED = t0+7h — not the first read (5h) nor the last read (6h). 7 − 1 = 6 h.
                E(vn, "A", .pickedUp, t0 + 2 * h), E(vn, "A", .pickedUp, t0 + 1 * h), E(vn, "A", .pickedUp, t0 + 3 * h),
                E(vn, "A", .delivered, t0 + 5 * h), E(vn, "A", .delivered, t0 + 7 * h), E(vn, "A", .delivered, t0 + 6 * h),
                // Delivered without a PICKED_UP: no lead time.
                E(vn, "B", .inTransit, t0), E(vn, "B", .delivered, t0 + 50 * h),
                // Open with a pickup: no lead time.
                E(vn, "C", .pickedUp, t0),
                // Delivered, then RETURNED: final RETURNED, not delivered → no lead time.
                E(vn, "D", .pickedUp, t0), E(vn, "D", .delivered, t0 + 30 * h), E(vn, "D", .returned, t0 + 40 * h),
            ]
        ])
        let s = try #require(report.summary("247express"))
        #expect(s.leadTimeP50 == "6.00")  // only A: n = 1
        #expect(s.leadTimeP90 == "6.00")
        #expect(s.leadTimeMean == "6.00")
        let a = try #require(report.order(vn, "A"))
        #expect(a.pickedUpAt == t0 + 1 * h)
        #expect(a.deliveredAt == t0 + 7 * h)
    }

    @Test func leadTimeRoundingAndMeanOfExactValues() throws {
        // Lead times 18,000 ms, 18,000 ms and 0 ms (PICKED_UP and DELIVERED at one instant).
        // 18,000 ms = 0.005 h → half away from zero → 0.01.
        // Sorted [0, 18000, 18000]: p50 = ⌈1.5⌉ = 2nd = 18,000 → 0.01; p90 = ⌈2.7⌉ = 3rd → 0.01.
        // Mean of exact values: 36,000 / 3 = 12,000 ms = 0.00333 h → 0.00 (the mean of the rounded
        // values, 0.02/3 = 0.0067, would wrongly give 0.01).
        let report = TB.run([
            [
                E(vn, "A", .pickedUp, t0), E(vn, "A", .delivered, t0 + 18_000),
                E(vn, "B", .pickedUp, t0), E(vn, "B", .delivered, t0 + 18_000),
                E(vn, "C", .pickedUp, t0), E(vn, "C", .delivered, t0),
            ]
        ])
        let s = try #require(report.summary("247express"))
        #expect(s.leadTimeP50 == "0.01")
        #expect(s.leadTimeP90 == "0.01")
        #expect(s.leadTimeMean == "0.00")
    }

    @Test func leadTimeJustBelowHalf() throws {
        // 17,999 ms = 0.0049997 h → 0.00.
        let report = TB.run([[E(vn, "A", .pickedUp, t0), E(vn, "A", .delivered, t0 + 17_999)]])
        let s = try #require(report.summary("247express"))
        #expect(s.leadTimeP50 == "0.00")
        #expect(s.leadTimeMean == "0.00")
    }

    @Test func leadTimeEmptyWithoutDeliveredPickups() throws {
        let report = TB.run([[E(vn, "A", .delivered, t0), E(vn, "B", .pickedUp, t0)]])
        let s = try #require(report.summary("247express"))
        #expect(s.leadTimeP50 == nil)
        #expect(s.leadTimeP90 == nil)
        #expect(s.leadTimeMean == nil)
    }

    // MARK: - open-order age buckets

    @Test func openAgeBucketsAtBoundaries() throws {
        let asOf = TB.asOf
        let report = TB.run(
            [
                [
                    E(vn, "B00", .inTransit, asOf),  // age 0 → 0–2
                    E(vn, "B02", .inTransit, asOf - (3 * d - 1)),  // ⌊(3d − 1 ms)/d⌋ = 2 (2 d 23:59:59.999) → 0–2
                    E(vn, "B03", .inTransit, asOf - 3 * d),  // 3 → 3–7
                    E(vn, "B07", .inTransit, asOf - (8 * d - 1)),  // ⌊7.99…⌋ = 7 → 3–7
                    E(vn, "B08", .inTransit, asOf - 8 * d),  // 8 → 8–14
                    E(vn, "B14", .inTransit, asOf - (15 * d - 1)),  // 14 → 8–14
                    E(vn, "B15", .inTransit, asOf - 15 * d),  // 15 → 15+
                    E(vn, "BFU", .inTransit, asOf + h),  // as-of before first event: ⌊−1h/d⌋ = −1 → 0–2 (DESIGN)
                    // Age is from the FIRST event: first at as-of − 20 d, last at as-of − 1 d → 20 → 15+.
                    E(vn, "BFI", .inTransit, asOf - 1 * d), E(vn, "BFI", .pickedUp, asOf - 20 * d),
                    // UNKNOWN final status is open: age 4 → 3–7.
                    E(vn, "BUN", .unknown, asOf - 4 * d),
                    // Not open: delivered / cancelled, however old.
                    E(vn, "BDL", .delivered, asOf - 30 * d),
                    E(vn, "BCA", .cancelled, asOf - 30 * d),
                ]
            ], asOf: asOf)
        let s = try #require(report.summary("247express"))
        #expect(s.open == 10)  // every order but BDL and BCA
        #expect(s.open0to2 == 3)  // B00, B02, BFU
        #expect(s.open3to7 == 3)  // B03, B07, BUN
        #expect(s.open8to14 == 2)  // B08, B14
        #expect(s.open15plus == 2)  // B15, BFI
    }

    // MARK: - duplicates

    @Test func duplicateKeepsFirstOccurrence() throws {
        var seen: [Int64] = []
        let first = TB.batch([
            E(vn, "A1", .pickedUp, t0, id: "tx-1", courier: "Minh", feedback: 1),
            // Same identity, different content: it is a duplicate, so none of it may count.
            E(vn, "A1", .delivered, t0 + 5 * h, id: "tx-1", courier: "Lan", feedback: 4),
        ])
        // A third copy in a later batch, on another local date (t0 + 5 d) and with a reason.
        let second = TB.batch([E(vn, "A1", .returned, t0 + 5 * d, id: "tx-1", courier: "Tuan", feedback: 2, reason: "R9")], input: 1)
        let report = TB.run(batches: [first, second], onAccepted: { e, _ in seen.append(e.instant) })

        #expect(seen == [t0])  // only the first copy is accepted
        let s = try #require(report.summary("247express"))
        #expect(s.events == 1)
        #expect(s.orders == 1)
        #expect(s.open == 1)  // final status from the kept copy: PICKED_UP
        #expect(s.delivered == 0)
        let row = try #require(report.order(vn, "A1"))
        #expect(row.finalStatus == .pickedUp)
        #expect(row.feedbackRequests == 1)  // the kept copy's 1, not 4 or 2
        #expect(report.breakdownCourier.map { $0.group } == ["Minh"])
        // The duplicates add no daily row, no reason and no courier.
        #expect(report.daily.count == 1)
        #expect(report.daily.first?.counts.events == 1)
        #expect(report.reasons.isEmpty)
        #expect(report.dataQuality.duplicates(vn) == 2)
        #expect(report.dataQuality.duplicates(mx) == 0)
        #expect(report.dataQuality.acceptedEvents(vn) == 1)
    }

    // MARK: - feedback

    @Test func feedbackIsMaximumPerOrderNeverTheSum() throws {
        let report = TB.run([
            [
                E(vn, "P0", .created, t0),  // none → 0
                E(vn, "P1", .created, t0, feedback: 0), E(vn, "P1", .pickedUp, t0 + h, feedback: 1),  // max 1
                E(vn, "P2", .created, t0, feedback: 2),  // 2
                // Counts 0, 1, 2, 2, 3 → max 3 (the sum would be 8).
                E(vn, "P3", .created, t0, feedback: 0), E(vn, "P3", .pickedUp, t0 + 1 * h, feedback: 1),
                E(vn, "P3", .inTransit, t0 + 2 * h, feedback: 2), E(vn, "P3", .outForDelivery, t0 + 3 * h, feedback: 2),
                E(vn, "P3", .attemptFailed, t0 + 4 * h, feedback: 3),
                // Out of order: 4 read before 2 → max 4.
                E(vn, "P4", .pickedUp, t0 + 2 * h, feedback: 4), E(vn, "P4", .created, t0, feedback: 2),
                E(vn, "P7", .created, t0, feedback: 7),  // 7 → 5+
                E(vn, "Z0", .created, t0, feedback: 0),  // explicit 0
                E(mx, "H1", .created, t0),  // not 247Express
            ]
        ])
        let f = report.feedback
        #expect(f.orders == 7)  // P0, P1, P2, P3, P4, P7, Z0
        #expect(f.ordersWithRequests == 5)  // P1, P2, P3, P4, P7
        #expect(f.totalRequests == 17)  // 0 + 1 + 2 + 3 + 4 + 7 + 0
        #expect(f.meanRequests == "2.4286")  // 17 / 7 = 2.428571… → 2.4286
        #expect(f.histogram == [2, 1, 1, 1, 1, 1])  // 0: P0, Z0; 1: P1; 2: P2; 3: P3; 4: P4; 5+: P7
        #expect(try #require(report.order(vn, "P3")).feedbackRequests == 3)
        #expect(try #require(report.order(vn, "P0")).feedbackRequests == 0)
        #expect(try #require(report.order(mx, "H1")).feedbackRequests == nil)
    }

    @Test func feedbackWithoutOrdersHasEmptyMean() {
        let report = TB.run([[E(mx, "H1", .created, t0)]])
        #expect(report.feedback.orders == 0)
        #expect(report.feedback.meanRequests == nil)
    }

    // MARK: - daily

    @Test func dailyRowsPerCarrierAndLocalDate() throws {
        // 247Express local = UTC+7, HoundExpress local = UTC−6 (the helper's reporting offsets).
        let report = TB.run([
            [
                // O1: PU 03-01 08:00 local; OFD 03-02 08:00; DELIVERED 03-02 12:00.
                E(vn, "O1", .pickedUp, TB.ms("2026-03-01T01:00:00Z")),
                E(vn, "O1", .outForDelivery, TB.ms("2026-03-02T01:00:00Z")),
                E(vn, "O1", .delivered, TB.ms("2026-03-02T05:00:00Z")),
                // O2: PU 03-01; AF 03-02 10:00 local; AF 2026-03-02T18:00Z = 03-03 01:00 local; RETURNED 03-03.
                E(vn, "O2", .pickedUp, TB.ms("2026-03-01T02:00:00Z")),
                E(vn, "O2", .attemptFailed, TB.ms("2026-03-02T03:00:00Z")),
                E(vn, "O2", .attemptFailed, TB.ms("2026-03-02T18:00:00Z")),
                E(vn, "O2", .returned, TB.ms("2026-03-03T05:00:00Z")),
                // O3: PU 03-01; DELIVERED at 2026-03-01T20:00Z = 03-02 03:00 local (UTC date is 03-01).
                E(vn, "O3", .pickedUp, TB.ms("2026-03-01T03:00:00Z")),
                E(vn, "O3", .delivered, TB.ms("2026-03-01T20:00:00Z")),
                // O4: CREATED and CANCELLED on 03-01.
                E(vn, "O4", .created, TB.ms("2026-03-01T04:00:00Z")),
                E(vn, "O4", .cancelled, TB.ms("2026-03-01T06:00:00Z")),
                // H1: IN_TRANSIT 2026-03-02T03:00Z = 03-01 21:00 local; DELIVERED 03-02T20:00Z = 03-02 14:00.
                E(mx, "H1", .inTransit, TB.ms("2026-03-02T03:00:00Z")),
                E(mx, "H1", .delivered, TB.ms("2026-03-02T20:00:00Z")),
            ]
        ])
        let rows = report.daily
        try #require(rows.count == 5)
        #expect(rows.map { $0.carrier } == [vn, vn, vn, mx, mx])
        #expect(
            rows.map { $0.day } == [
                TB.day("2026-03-01"), TB.day("2026-03-02"), TB.day("2026-03-03"),
                TB.day("2026-03-01"), TB.day("2026-03-02"),
            ])
        // 247 03-01: O1 PU, O2 PU, O3 PU, O4 CREATED, O4 CANCELLED.
        let a = rows[0]
        #expect(a.counts.events == 5)
        #expect(a.counts.ordersTouched == 4)  // O1, O2, O3, O4
        #expect(a.counts.pickedUp == 3)
        #expect(a.counts.outForDelivery == 0)
        #expect(a.counts.failedAttempts == 0)
        #expect(a.delivered == 0)
        #expect(a.cancelled == 1)  // O4's final event is on 03-01
        #expect(a.successRate == nil)  // 0 resolved that day
        // 247 03-02: O1 OFD, O1 DELIVERED, O2 AF (10:00), O3 DELIVERED (03:00).
        let b = rows[1]
        #expect(b.counts.events == 4)
        #expect(b.counts.ordersTouched == 3)  // O1, O2, O3
        #expect(b.counts.pickedUp == 0)
        #expect(b.counts.outForDelivery == 1)
        #expect(b.counts.failedAttempts == 1)
        #expect(b.delivered == 2)  // O1, O3
        #expect(b.returned == 0)
        #expect(b.successRate == "1.0000")  // 2 / 2
        // 247 03-03: O2 AF (01:00), O2 RETURNED.
        let c = rows[2]
        #expect(c.counts.events == 2)
        #expect(c.counts.ordersTouched == 1)
        #expect(c.counts.failedAttempts == 1)
        #expect(c.returned == 1)
        #expect(c.delivered == 0)
        #expect(c.successRate == "0.0000")  // 0 / 1
        // Hound 03-01 (local): IN_TRANSIT only.
        #expect(rows[3].counts.events == 1)
        #expect(rows[3].counts.ordersTouched == 1)
        #expect(rows[3].delivered == 0)
        #expect(rows[3].successRate == nil)
        // Hound 03-02: DELIVERED.
        #expect(rows[4].counts.events == 1)
        #expect(rows[4].delivered == 1)
        #expect(rows[4].successRate == "1.0000")
    }

    @Test func dailyFinalStatusCountsOnlyTheFinalEventsDate() throws {
        // A: DELIVERED on 03-02 read first, then a RETURNED on 03-05 read later → final RETURNED on 03-05.
        // The 03-02 row has the DELIVERED event but counts no delivered order.
        let report = TB.run([
            [
                E(vn, "A", .delivered, TB.ms("2026-03-02T05:00:00Z")),
                E(vn, "A", .returned, TB.ms("2026-03-05T05:00:00Z")),
            ]
        ])
        let rows = report.daily
        try #require(rows.count == 2)
        #expect(rows[0].day == TB.day("2026-03-02"))
        #expect(rows[0].delivered == 0)
        #expect(rows[0].returned == 0)
        #expect(rows[1].day == TB.day("2026-03-05"))
        #expect(rows[1].returned == 1)
        #expect(rows[1].successRate == "0.0000")  // 0 / 1
    }

    // MARK: - reasons

    @Test func reasonsPerCarrierAndRawCode() throws {
        let report = TB.run([
            [
                // D01 (mapped): 3 events on 2 orders.
                E(
                    vn, "R1", .attemptFailed, t0 + 1 * h, reason: "D01", label: "Khách hẹn giao lại",
                    category: .recipientUnavailable, party: .recipient),
                E(
                    vn, "R1", .attemptFailed, t0 + 2 * h, reason: "D01", label: "Khách hẹn giao lại",
                    category: .recipientUnavailable, party: .recipient),
                E(
                    vn, "R2", .attemptFailed, t0 + 1 * h, reason: "D01", label: "Khách hẹn giao lại",
                    category: .recipientUnavailable, party: .recipient),
                // X9 (unmapped): the first accepted event in INPUT order has the later instant; its
                // DelayNotes "mxưa lớn" is the label, not the other event's "Kẹt xe".
                E(vn, "R3", .inTransit, t0 + 10 * h, reason: "X9", label: "mxưa lớn"),
                E(vn, "R3", .inTransit, t0 + 2 * h, reason: "X9", label: "Kẹt xe"),
                // A7 (unmapped): 2 events on 2 orders.
                E(vn, "R4", .inTransit, t0 + 1 * h, reason: "A7", label: "Hỏng xe"),
                E(vn, "R5", .inTransit, t0 + 1 * h, reason: "A7", label: "Hỏng xe"),
                // A duplicate of a D01 event (same identity) is not a reason event.
                E(
                    vn, "R2", .attemptFailed, t0 + 1 * h, reason: "D01", label: "Khách hẹn giao lại",
                    category: .recipientUnavailable, party: .recipient),
                // An event without a reason.
                E(vn, "R6", .attemptFailed, t0 + 1 * h),
                // HoundExpress: 46 twice on one order, 8 once.
                E(
                    mx, "H1", .attemptFailed, t0 + 1 * h, code: "46", reason: "46", label: "no one to receive",
                    category: .recipientUnavailable, party: .recipient),
                E(
                    mx, "H1", .attemptFailed, t0 + 3 * h, code: "46", reason: "46", label: "no one to receive",
                    category: .recipientUnavailable, party: .recipient),
                E(
                    mx, "H2", .attemptFailed, t0 + 1 * h, code: "8", reason: "8", label: "refused by addressee",
                    category: .refused, party: .recipient),
            ]
        ])
        let rows = report.reasons
        try #require(rows.count == 5)
        // 247: events descending, then code ascending (byte order): D01 (3), A7 (2), X9 (2).
        #expect(rows.map { $0.carrier } == [vn, vn, vn, mx, mx])
        #expect(rows.map { $0.code } == ["D01", "A7", "X9", "46", "8"])
        // 247 reason events: 3 + 2 + 2 = 7.
        #expect(rows[0].counts.events == 3)
        #expect(rows[0].counts.orders == 2)  // R1, R2
        #expect(rows[0].share == "0.4286")  // 3/7 = 0.428571… → 0.4286
        #expect(rows[0].counts.label == "Khách hẹn giao lại")
        #expect(rows[0].counts.category == .recipientUnavailable)
        #expect(rows[0].counts.party == .recipient)
        #expect(rows[1].counts.events == 2)
        #expect(rows[1].counts.orders == 2)  // R4, R5
        #expect(rows[1].share == "0.2857")  // 2/7 = 0.285714… → 0.2857
        #expect(rows[2].counts.events == 2)
        #expect(rows[2].counts.orders == 1)  // R3
        #expect(rows[2].share == "0.2857")
        #expect(rows[2].counts.label == "mxưa lớn")
        #expect(rows[2].counts.category == .other)
        #expect(rows[2].counts.party == .unknown)
        // Hound reason events: 2 + 1 = 3.
        #expect(rows[3].counts.events == 2)
        #expect(rows[3].counts.orders == 1)
        #expect(rows[3].share == "0.6667")  // 2/3 → 0.6667
        #expect(rows[4].counts.events == 1)
        #expect(rows[4].counts.orders == 1)
        #expect(rows[4].share == "0.3333")  // 1/3 → 0.3333
        #expect(rows[4].counts.category == .refused)
    }

    // MARK: - breakdowns

    @Test func breakdownsByProvinceServiceAndCourier() throws {
        let b1 = TB.batch(
            [
                // K1: courier Minh on the PICKED_UP, none on the DELIVERED → Minh.
                E(vn, "K1", .pickedUp, t0 + 1 * h, courier: "Minh"),
                E(vn, "K1", .delivered, t0 + 5 * h),
                // K2: OFD t0+9h (Lan) read first, PU t0+1h (Minh) read later, DELIVERED t0+10h none.
                // Last event in §4 order naming a courier: the OFD at t0+9h → Lan.
                E(vn, "K2", .outForDelivery, t0 + 9 * h, courier: "Lan"),
                E(vn, "K2", .pickedUp, t0 + 1 * h, courier: "Minh"),
                E(vn, "K2", .delivered, t0 + 10 * h),
                // K3: no courier.
                E(vn, "K3", .pickedUp, t0 + 1 * h),
                // K4: no record, no courier → in no breakdown.
                E(vn, "K4", .pickedUp, t0 + 1 * h),
                // H1: courier Pedro.
                E(mx, "H1", .delivered, t0 + 1 * h, courier: "Pedro"),
            ],
            records: [
                TB.R("K1", province: "Hà Nội", service: "DE"),
                TB.R("K3", province: "Đà Nẵng", service: "DE"),
                // Two records of K2 in one batch: the later one wins.
                TB.R("K2", province: "Cần Thơ", service: "EX"),
                TB.R("K2", province: "Hồ Chí Minh"),
            ])
        // Later batch: K1's newer record wins (HCM / EX); K3's newer record has no province → K3 is
        // left out of the province breakdown (no "unknown" group), service still DE.
        let b2 = TB.batch(
            [],
            records: [
                TB.R("K1", province: "Hồ Chí Minh", service: "EX"),
                TB.R("K3", service: "DE"),
            ])
        let report = TB.run(batches: [b1, b2])

        // Province: only "Hồ Chí Minh" = K1 (2 events) + K2 (3 events); K2's winning record has no service.
        let prov = report.breakdownProvince
        try #require(prov.count == 1)
        #expect(Carriers.test.id(prov[0].scope) == "247express")
        #expect(prov[0].group == "Hồ Chí Minh")
        #expect(prov[0].kpis.orders == 2)
        #expect(prov[0].kpis.events == 5)  // 2 + 3
        #expect(prov[0].kpis.delivered == 2)
        #expect(prov[0].kpis.successRate == "1.0000")

        // Service: DE = K3 (open, 1 event); EX = K1 (delivered, 2 events). Byte order DE < EX.
        let svc = report.breakdownService
        try #require(svc.count == 2)
        #expect(svc.map { $0.group } == ["DE", "EX"])
        #expect(svc[0].kpis.orders == 1)
        #expect(svc[0].kpis.open == 1)
        #expect(svc[0].kpis.events == 1)
        #expect(svc[1].kpis.orders == 1)
        #expect(svc[1].kpis.delivered == 1)
        #expect(svc[1].kpis.events == 2)

        // Courier: 247 Lan (K2), 247 Minh (K1), hound Pedro (H1).
        let cou = report.breakdownCourier
        try #require(cou.count == 3)
        #expect(cou.map { Carriers.test.id($0.scope) } == ["247express", "247express", "houndexpress"])
        #expect(cou.map { $0.group } == ["Lan", "Minh", "Pedro"])
        #expect(cou[0].kpis.events == 3)  // K2
        #expect(cou[1].kpis.events == 2)  // K1
        #expect(cou[2].kpis.delivered == 1)
        #expect(cou.map { $0.kpis.orders }.reduce(0, +) == 3)  // K3, K4 left out
    }

    // MARK: - orders.csv rows

    @Test func orderRowsNeedsActionFeedbackAndCOD() throws {
        let asOf = TB.asOf
        let report = TB.run(
            [
                [
                    E(vn, "A-ATT", .inTransit, asOf - 1 * d), E(vn, "A-ATT", .attemptFailed, asOf - 12 * h),
                    E(vn, "A-RET", .returning, asOf - 1 * d),
                    E(vn, "A-UNK", .unknown, asOf - h, code: "99"),
                    E(vn, "A-OLD", .inTransit, asOf - 8 * d),  // age ⌊8d/d⌋ = 8 ≥ 8 → needs action
                    E(vn, "A-7D", .inTransit, asOf - (8 * d - 1)),  // age ⌊7.99…⌋ = 7 → no
                    E(vn, "A-OFD", .outForDelivery, asOf - 1 * d),  // open, recent, OFD → no
                    E(vn, "A-DLV", .pickedUp, asOf - 30 * d, feedback: 2), E(vn, "A-DLV", .delivered, asOf - 29 * d),
                    E(vn, "A-CAN", .created, asOf - 30 * d), E(vn, "A-CAN", .cancelled, asOf - 29 * d),
                    E(mx, "H-1", .attemptFailed, asOf - 2 * d, code: "46"),
                    E(mx, "H-2", .inTransit, asOf - 9 * d, code: "38"),  // hound, age 9 → yes
                ]
            ],
            records: [
                TB.R("A-DLV", cod: ExactDecimal(150_000)),
                TB.R("A-REC", cod: ExactDecimal(90_000)),  // a record without events: no row
            ],
            asOf: asOf)

        // Rows: carrier, then order code in byte order ('7' < 'A' < 'C' < 'D' < 'O' < 'R' < 'U'; "OFD" < "OLD").
        #expect(
            report.orders.map { report.orderCodeString($0) } == [
                "A-7D", "A-ATT", "A-CAN", "A-DLV", "A-OFD", "A-OLD", "A-RET", "A-UNK", "H-1", "H-2",
            ])
        let expected: [(Carrier, String, Bool)] = [
            (vn, "A-ATT", true), (vn, "A-RET", true), (vn, "A-UNK", true), (vn, "A-OLD", true),
            (vn, "A-7D", false), (vn, "A-OFD", false), (vn, "A-DLV", false), (vn, "A-CAN", false),
            (mx, "H-1", true), (mx, "H-2", true),
        ]
        for (carrier, code, needs) in expected {
            #expect(try #require(report.order(carrier, code)).needsAction == needs, "needs_action of \(code)")
        }

        let dlv = try #require(report.order(vn, "A-DLV"))
        #expect(dlv.finalStatus == .delivered)
        #expect(report.finalCodeString(dlv) == "30")
        #expect(dlv.firstEventAt == asOf - 30 * d)
        #expect(dlv.finalEventAt == asOf - 29 * d)
        #expect(dlv.pickedUpAt == asOf - 30 * d)
        #expect(dlv.deliveredAt == asOf - 29 * d)
        #expect(dlv.feedbackRequests == 2)
        #expect(dlv.cod == ExactDecimal(150_000))
        #expect(dlv.failedAttempts == 0)

        let unk = try #require(report.order(vn, "A-UNK"))
        #expect(unk.finalStatus == .unknown)
        #expect(report.finalCodeString(unk) == "99")

        let att = try #require(report.order(vn, "A-ATT"))
        #expect(att.cod == nil)  // no record → empty cod_amount
        #expect(att.pickedUpAt == nil)
        #expect(att.deliveredAt == nil)
        #expect(att.failedAttempts == 1)
        #expect(att.feedbackRequests == 0)  // 247Express without counts → 0

        let h1 = try #require(report.order(mx, "H-1"))
        #expect(h1.feedbackRequests == nil)  // empty for HoundExpress
        #expect(h1.cod == nil)
        #expect(report.finalCodeString(h1) == "46")
    }

    // MARK: - summary rows

    @Test func summaryRowsCarriersWithEventsThenAll() throws {
        let both = TB.run([[E(mx, "H1", .created, t0), E(vn, "A1", .created, t0)]])
        #expect(both.summary.map { Carriers.test.id($0.scope) } == ["247express", "houndexpress", "ALL"])
        let houndOnly = TB.run([[E(mx, "H1", .created, t0)]])
        #expect(houndOnly.summary.map { Carriers.test.id($0.scope) } == ["houndexpress", "ALL"])
        // Order records alone do not give 247Express a row (no accepted events).
        let houndAndRecord = TB.run([[E(mx, "H1", .created, t0)]], records: [TB.R("A9", cod: ExactDecimal(1000))])
        #expect(houndAndRecord.summary.map { Carriers.test.id($0.scope) } == ["houndexpress", "ALL"])
        let v247Only = TB.run([[E(vn, "A1", .created, t0)]])
        #expect(v247Only.summary.map { Carriers.test.id($0.scope) } == ["247express", "ALL"])
    }

    @Test func allRowAddsUpTheCarriers() throws {
        let report = TB.run([
            [
                E(vn, "A", .pickedUp, t0), E(vn, "A", .delivered, t0 + 2 * h),
                E(vn, "B", .attemptFailed, t0), E(vn, "B", .returned, t0 + h),
                E(mx, "H", .pickedUp, t0), E(mx, "H", .delivered, t0 + 4 * h),
                E(mx, "G", .inTransit, t0),
            ]
        ])
        let all = try #require(report.summary("ALL"))
        #expect(all.events == 7)
        #expect(all.orders == 4)
        #expect(all.delivered == 2)  // A, H
        #expect(all.returned == 1)  // B
        #expect(all.open == 1)  // G
        #expect(all.resolved == 3)
        #expect(all.successRate == "0.6667")  // 2 / 3
        #expect(all.attempted == 3)  // A (DELIVERED), B (AF), H (DELIVERED)
        #expect(all.firstAttemptDelivered == 2)  // A, H
        #expect(all.firstAttemptRate == "0.6667")  // 2 / 3
        #expect(all.leadTimeP50 == "2.00")  // sorted [2 h, 4 h]: ⌈1⌉ = 1st = 2
        #expect(all.leadTimeP90 == "4.00")  // ⌈1.8⌉ = 2nd = 4
        #expect(all.leadTimeMean == "3.00")  // (2 + 4) / 2
    }

    @Test func zeroEventRun() throws {
        let report = TB.run(batches: [EventBatch()])
        #expect(report.summary.map { Carriers.test.id($0.scope) } == ["ALL"])
        let all = try #require(report.summary("ALL"))
        #expect(all.events == 0)
        #expect(all.orders == 0)
        #expect(all.resolved == 0)
        #expect(all.successRate == nil)
        #expect(all.firstAttemptRate == nil)
        #expect(all.leadTimeP50 == nil)
        #expect(all.leadTimeP90 == nil)
        #expect(all.leadTimeMean == nil)
        #expect(all.open0to2 + all.open3to7 + all.open8to14 + all.open15plus == 0)
        #expect(report.daily.isEmpty)
        #expect(report.reasons.isEmpty)
        #expect(report.orders.isEmpty)
        #expect(report.breakdownProvince.isEmpty)
        #expect(report.breakdownService.isEmpty)
        #expect(report.breakdownCourier.isEmpty)
        #expect(report.feedback.orders == 0)
        #expect(report.feedback.meanRequests == nil)
        #expect(report.cod.rows.isEmpty)
    }
}
