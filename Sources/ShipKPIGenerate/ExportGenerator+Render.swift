/// Rendering of every record kind, field by field, in the carriers' own layouts (the seeds'
/// examples and samples/). Each event's choices (envelope, date form, number-or-string,
/// TransactionId…) come from the event's own random stream, so every copy of an event — a
/// re-send, a GetStatusLogs item, a `--repeat` pass — is rendered identically.
extension ExportGenerator {
    // MARK: Carrier codes by lifecycle step (GenStep.rawValue)

    static let status247: [StaticString] = ["21", "23", "24", "24", "29", "25", "16", "27", "28", "30", "19", "32", "18"]
    static let name247: [StaticString] = [
        "DATIEPNHAN", "DALAYHANG", "DANGVANCHUYEN", "DANGVANCHUYEN", "DANGKIEMTRA", "DANGDIPHAT", "CHOXULY",
        "CHOCHUYENHOAN", "DACHUYENHOAN", "PHATTHANHCONG", "THATLAC", "TICHTHU", "HUY",
    ]

    /// HoundExpress: code, statusObj.code, description, description_en.
    struct HoundStatus {
        var id: StaticString
        var code: StaticString
        var description: StaticString
        var descriptionEN: StaticString
    }

    static let houndStatuses: [HoundStatus] = [
        HoundStatus(id: "9001", code: "DOCUM", description: "GUÍA DOCUMENTADA", descriptionEN: "DOCUMENTED"),
        HoundStatus(id: "9002", code: "RECOL", description: "RECOLECTADO", descriptionEN: "PICKED UP"),
        HoundStatus(id: "9003", code: "TRANS", description: "EN TRÁNSITO", descriptionEN: "IN TRANSIT"),
        HoundStatus(id: "38", code: "SALRET", description: "SALIDA RETRASADA", descriptionEN: "DELAYED DEPARTURE"),
        HoundStatus(id: "77", code: "RETEN", description: "RETENIDO EN CEDIS", descriptionEN: "HELD AT DISTRIBUTION CENTER"),
        HoundStatus(id: "9004", code: "ENRUTA", description: "EN RUTA DE ENTREGA", descriptionEN: "OUT FOR DELIVERY"),
        HoundStatus(id: "46", code: "NBROA", description: "NADIE PARA RECIBIR", descriptionEN: "NO ONE TO RECEIVE"),
        HoundStatus(id: "9005", code: "DEVPRO", description: "DEVOLUCIÓN EN PROCESO", descriptionEN: "RETURN IN PROGRESS"),
        HoundStatus(id: "9006", code: "DEVUEL", description: "DEVUELTO AL REMITENTE", descriptionEN: "RETURNED TO SENDER"),
        HoundStatus(id: "2", code: "DLV", description: "ENTREGADO POD EN SISTEMA", descriptionEN: "DELIVERED POD IN SYSTEM"),
        HoundStatus(id: "9007", code: "EXTRAV", description: "EXTRAVIADO", descriptionEN: "LOST"),
        HoundStatus(id: "9008", code: "DECOM", description: "DECOMISADO", descriptionEN: "CONFISCATED"),
        HoundStatus(id: "9009", code: "CANCEL", description: "CANCELADO", descriptionEN: "CANCELLED"),
    ]
    static let houndRefused = HoundStatus(id: "8", code: "RECHAZ", description: "RECHAZADO POR DESTINATARIO", descriptionEN: "REFUSED BY ADDRESSEE")
    static let houndWrongAddress = HoundStatus(id: "9010", code: "DIRINC", description: "DOMICILIO INCORRECTO", descriptionEN: "WRONG ADDRESS")

    static func houndStatus(_ step: GenStep, _ reason: GenReason) -> HoundStatus {
        if step == .attemptFailed {
            if reason == .refused { return houndRefused }
            if reason == .address { return houndWrongAddress }
        }
        return houndStatuses[Int(step.rawValue)]
    }

    static func houndObservation(_ step: GenStep, _ reason: GenReason, _ variant: Int) -> [UInt8] {
        let list: [[UInt8]]
        switch step {
        case .created: list = GenVocabulary.obsCreated
        case .pickedUp: list = GenVocabulary.obsPickedUp
        case .inTransit: list = GenVocabulary.obsTransit
        case .transitDelay: list = GenVocabulary.obsDelayed
        case .held: list = GenVocabulary.obsHeld
        case .outForDelivery: list = GenVocabulary.obsOutForDelivery
        case .attemptFailed:
            list = reason == .refused ? GenVocabulary.obsRefused : reason == .address ? GenVocabulary.obsWrongAddress : GenVocabulary.obsNoOne
        case .returning: list = GenVocabulary.obsReturning
        case .returned: list = GenVocabulary.obsReturned
        case .delivered: list = GenVocabulary.obsDelivered
        case .lost: list = GenVocabulary.obsLost
        case .confiscated: list = GenVocabulary.obsConfiscated
        case .cancelled: list = GenVocabulary.obsCancelled
        }
        return list[variant % list.count]
    }

    // MARK: Identifiers and names

    /// `CNN` + yyMM of creation + 7-digit index (unique, 14 characters).
    func orderCode247(_ p: OrderProfile, into s: ByteSink) {
        s.lit("CNN")
        s.fixed(UInt64(p.yymm), 4)
        s.fixed(UInt64(p.index + 1), 7)
    }

    /// The shop's own reference: `SHOP-1234`.
    func externalCode(_ p: OrderProfile, into s: ByteSink) {
        s.bytes(GenVocabulary.shopPrefixes[p.shop])
        s.byte(0x2D)
        s.uint(UInt64(p.index + 1))
    }

    /// 16-digit HoundExpress guide number.
    func guideNumber(_ p: OrderProfile, into s: ByteSink) {
        s.lit("90010081")
        s.fixed(UInt64(p.index + 1), 8)
    }

    func receiverName(_ p: OrderProfile, into s: ByteSink) {
        if p.carrier == .express247 {
            s.bytes(GenVocabulary.vnFamily[p.family])
            s.byte(0x20)
            s.bytes(p.female ? GenVocabulary.vnMiddleFemale[p.middle] : GenVocabulary.vnMiddleMale[p.middle])
            s.byte(0x20)
            s.bytes(p.female ? GenVocabulary.vnGivenFemale[p.given] : GenVocabulary.vnGivenMale[p.given])
        } else {
            s.bytes(GenVocabulary.mxGiven[p.given])
            s.byte(0x20)
            s.bytes(GenVocabulary.mxSurname[p.family])
            s.byte(0x20)
            s.bytes(GenVocabulary.mxSurname[p.surname2])
        }
    }

    /// A 247Express courier of the province's pool (stable across orders).
    func courierName(region: Int, courier: Int, into s: ByteSink) {
        var r = GeneratorRandom(seed, .courier, UInt64(region), UInt64(courier))
        let female = r.percent(25)
        s.bytes(GenVocabulary.vnFamily[r.below(GenVocabulary.vnFamily.count)])
        s.byte(0x20)
        if female {
            s.bytes(GenVocabulary.vnMiddleFemale[r.below(GenVocabulary.vnMiddleFemale.count)])
            s.byte(0x20)
            s.bytes(GenVocabulary.vnGivenFemale[r.below(GenVocabulary.vnGivenFemale.count)])
        } else {
            s.bytes(GenVocabulary.vnMiddleMale[r.below(GenVocabulary.vnMiddleMale.count)])
            s.byte(0x20)
            s.bytes(GenVocabulary.vnGivenMale[r.below(GenVocabulary.vnGivenMale.count)])
        }
    }

    // MARK: 247Express status event (webhook body, or GetStatusLogs history item)

    func render247Event(_ e: GenPendingLine, _ p: OrderProfile, into s: ByteSink, statusLog: Bool) {
        var r = GeneratorRandom(seed, .render, 0, UInt64(e.order), UInt64(e.ordinal))
        let envelope = r.percent(10) && !statusLog
        let txA = r.next(), txB = r.next()
        let subMillis = r.below(10_000)
        let timeForm = r.below(100)
        let statusAsNumber = r.percent(4)
        let feedbackAsString = r.percent(2)
        let variant = r.below(1000)
        let receivedLag = r.int64(150 ... 4000)

        if envelope { openEnvelope(receivedAt: e.time + receivedLag, into: s) }
        if statusLog {
            s.lit(#"{"OrderCode": ""#)
        } else {
            s.lit(#"{"ApiKey": ""#)
            apiKey(p.shop, into: s)
            s.lit(#"", "OrderCode": ""#)
        }
        orderCode247(p, into: s)
        s.lit(#"", "ExternalCode": ""#)
        externalCode(p, into: s)
        s.lit(#"", "ReferenceCode": ""#)
        externalCode(p, into: s)
        renderStatus(e, asNumber: statusAsNumber, feedbackAsString: feedbackAsString, into: s)
        renderDelay(e.reason, variant: variant, into: s)
        renderDelivery(e, p, variant: variant, into: s)
        receiverName(p, into: s)
        s.lit(#"", "TransactionId": ""#)
        s.guid(txA, txB)
        s.lit(#"", "Time": ""#)
        if timeForm < 96 {
            s.iso7(e.time, offsetSeconds: GenCarrier.express247.offsetSeconds, subMillis: subMillis)
        } else if timeForm < 99 {
            s.naive(e.time, offsetSeconds: GenCarrier.express247.offsetSeconds)
        } else {
            s.isoUTCMillis(e.time)
        }
        if statusLog {
            s.lit(#"", "IsCallError": false, "ErrorMessage": null, "IsPartnerResponseError": false, "PartnerResponseErrorMsg": null}"#)
        } else {
            s.lit(#""}"#)
        }
        if envelope { s.byte(UInt8(ascii: "}")) }
    }

    /// `Status` (a string, or a number when `asNumber`), `StatusName`, `Description` (the change
    /// from the previous step) and `RequestFeedbackCount` of a 247Express event.
    private func renderStatus(_ e: GenPendingLine, asNumber statusAsNumber: Bool, feedbackAsString: Bool, into s: ByteSink) {
        let step = Int(e.step.rawValue)
        if statusAsNumber {
            s.lit(#"", "Status": "#)
            s.lit(Self.status247[step])
            s.lit(#", "StatusName": ""#)
        } else {
            s.lit(#"", "Status": ""#)
            s.lit(Self.status247[step])
            s.lit(#"", "StatusName": ""#)
        }
        s.lit(Self.name247[step])
        if e.step == .created {
            s.lit(#"", "Description": "Create order", "RequestFeedbackCount": "#)
        } else {
            s.lit(#"", "Description": "Change order status: "#)
            s.lit(Self.name247[Int(e.previous.rawValue)])
            s.lit(" ==> ")
            s.lit(Self.name247[step])
            s.lit(#"", "RequestFeedbackCount": "#)
        }
        if feedbackAsString {
            s.byte(0x22)
            s.uint(UInt64(e.feedback))
            s.byte(0x22)
        } else {
            s.uint(UInt64(e.feedback))
        }
    }

    /// A webhook receiver's envelope around the record: `{"receivedAt": "…", "payload": ` (the
    /// caller closes it), counted in the summary unless rendered into the scratch sink.
    private func openEnvelope(receivedAt: Int64, into s: ByteSink) {
        s.lit(#"{"receivedAt": ""#)
        s.isoUTCMillis(receivedAt)
        s.lit(#"", "payload": "#)
        if s !== scratch { summary.envelopes += 1 }
    }

    /// `DelayCode` and `DelayNotes` of a 247Express event: both null without a reason, a note
    /// without a code for `.noCode`, else the reason's code and one of its notes (by `variant`).
    private func renderDelay(_ reason: GenReason, variant: Int, into s: ByteSink) {
        switch reason {
        case .none:
            s.lit(#", "DelayCode": null, "DelayNotes": null"#)
        case .noCode:
            s.lit(#", "DelayCode": null, "DelayNotes": ""#)
            s.bytes(GenVocabulary.delayNotes[0][0])
            s.byte(0x22)
        default:
            let i = Int(reason.rawValue)
            s.lit(#", "DelayCode": ""#)
            s.bytes(GenVocabulary.delayCodes[i])
            s.lit(#"", "DelayNotes": ""#)
            s.bytes(GenVocabulary.delayNotes[i][variant % GenVocabulary.delayNotes[i].count])
            s.byte(0x22)
        }
    }

    /// `DeliveryNotes` (for final steps), `Mailman` (the courier, when assigned), `DeliveryDate`
    /// (when delivered) and the opening of `ReceiverName` of a 247Express event.
    private func renderDelivery(_ e: GenPendingLine, _ p: OrderProfile, variant: Int, into s: ByteSink) {
        let notes: [[UInt8]]?
        switch e.step {
        case .delivered: notes = GenVocabulary.deliveredNotes
        case .confiscated: notes = GenVocabulary.confiscatedNotes
        case .returned: notes = GenVocabulary.returnedNotes
        case .lost: notes = GenVocabulary.lostNotes
        default: notes = nil
        }
        if let notes {
            s.lit(#", "DeliveryNotes": ""#)
            s.bytes(notes[variant % notes.count])
            s.lit(#"", "Mailman": "#)
        } else {
            s.lit(#", "DeliveryNotes": null, "Mailman": "#)
        }
        if e.courier >= 0 {
            s.byte(0x22)
            courierName(region: p.region, courier: Int(e.courier), into: s)
            s.lit(#"", "DeliveryDate": "#)
        } else {
            s.lit(#"null, "DeliveryDate": "#)
        }
        if e.step == .delivered {
            s.byte(0x22)
            s.naive(e.time, offsetSeconds: GenCarrier.express247.offsetSeconds)
            s.lit(#"", "ReceiverName": ""#)
        } else {
            s.lit(#"null, "ReceiverName": ""#)
        }
    }

    // MARK: HoundExpress changeOrderStatus

    func renderHoundStatus(_ e: GenPendingLine, _ p: OrderProfile, into s: ByteSink, bigPOD: Int) {
        var r = GeneratorRandom(seed, .render, 1, UInt64(e.order), UInt64(e.ordinal))
        let dateForm = r.below(100)
        let statusAsString = r.percent(3)
        let variant = r.below(1000)
        let latitude = r.int(-60_000 ... 60_000), longitude = r.int(-60_000 ... 60_000)
        let photo = r.percent(30)
        let podCount = r.int(12 ... 40)
        let ine = r.next() % 10_000_000_000
        let status = Self.houndStatus(e.step, e.reason)

        s.lit(#"{"guide": {"currentStatus": {"#)
        if e.step == .delivered || e.step == .attemptFailed {
            let city = GenVocabulary.cities[p.region]
            s.lit(#""longitud": ""#)
            s.micro(city.longitude + longitude)
            s.lit(#"", "latitud": ""#)
            s.micro(city.latitude + latitude)
            s.lit(#"", "#)
        }
        renderHoundDate(e.time, form: dateForm, into: s)
        if statusAsString {
            s.lit(#", "status": ""#)
            s.lit(status.id)
            s.lit(#"", "observations": ""#)
        } else {
            s.lit(#", "status": "#)
            s.lit(status.id)
            s.lit(#", "observations": ""#)
        }
        s.bytes(Self.houndObservation(e.step, e.reason, variant))
        s.lit(#""}, "guideNumber": ""#)
        guideNumber(p, into: s)
        s.byte(0x22)
        renderHoundEvidence(e, p, photo: photo, podCount: bigPOD > 0 ? bigPOD : podCount, ine: ine, random: &r, into: s)
        s.lit("}}")
    }

    /// `"date": …` of a changeOrderStatus: epoch milliseconds as a string or a number, local
    /// `dd/MM/yyyy HH:mm:ss`, or a local date and a separate `time` (by `form`, 0–99).
    private func renderHoundDate(_ time: Int64, form dateForm: Int, into s: ByteSink) {
        let offset = GenCarrier.hound.offsetSeconds
        s.lit(#""date": "#)
        if dateForm < 40 {
            s.byte(0x22)
            s.int64(time)
            s.byte(0x22)
        } else if dateForm < 70 {
            s.int64(time)
        } else if dateForm < 90 {
            s.byte(0x22)
            s.slashed(time, offsetSeconds: offset, seconds: true)
            s.byte(0x22)
        } else {
            let t = GenCivilTime(time, offsetSeconds: offset)
            s.byte(0x22)
            s.dashedDate(t)
            s.lit(#"", "time": ""#)
            s.clock(t)
            s.byte(0x22)
        }
    }

    /// The evidence of a changeOrderStatus: for a delivery, the receiver, the INE number and the
    /// proof of delivery (`podCount` bytes drawn from `r`); for a failed attempt with a `photo`,
    /// the photo of the house front.
    private func renderHoundEvidence(
        _ e: GenPendingLine, _ p: OrderProfile, photo: Bool, podCount: Int, ine: UInt64, random r: inout GeneratorRandom,
        into s: ByteSink
    ) {
        if e.step == .delivered {
            s.lit(#", "realReceiverPerson": {"givenName": ""#)
            receiverName(p, into: s)
            s.lit(#"", "identification": "INE"#)
            s.fixed(ine, 10)
            s.lit(#"", "idType": 1}, "POD": "#)
            writePOD(count: podCount, r: &r, into: s)
            s.lit(#", "POD_fileName": "firma_"#)
            guideNumber(p, into: s)
            s.lit(#".png""#)
        } else if e.step == .attemptFailed && photo {
            s.lit(#", "format": "[255,216,255,224,0,16,74,70,73,70]", "format_fileName": "fachada_"#)
            guideNumber(p, into: s)
            s.lit(#".jpg""#)
        }
    }

    // MARK: HoundExpress webhook notification

    static let podBase64: StaticString = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAghn7twAAAABJRU5ErkJggg=="

    func renderHoundWebhook(_ e: GenPendingLine, _ p: OrderProfile, into s: ByteSink, bigPOD: Int) {
        var r = GeneratorRandom(seed, .render, 2, UInt64(e.order), UInt64(e.ordinal))
        let envelope = r.percent(8)
        let dateForm = r.below(100)
        let variant = r.below(1000)
        let receivedLag = r.int64(150 ... 4000)
        let status = Self.houndStatus(e.step, e.reason)
        let offset = GenCarrier.hound.offsetSeconds
        let observation = Self.houndObservation(e.step, e.reason, variant)

        if envelope { openEnvelope(receivedAt: e.time + receivedLag, into: s) }
        s.byte(UInt8(ascii: "{"))
        if dateForm < 70 {
            s.lit(#""dateTimeISO": ""#)
            s.isoSeconds(e.time, offsetSeconds: offset)
            s.lit(#"", "#)
        }
        if dateForm < 90 {
            s.lit(#""dateTime": ""#)
            s.naive(e.time, offsetSeconds: offset)
            s.lit(#"", "#)
        }
        s.lit(#""date": ""#)
        s.slashed(e.time, offsetSeconds: offset, seconds: false)
        s.lit(#"", "location": ""#)
        s.bytes(GenVocabulary.cities[p.region].name)
        s.lit(#"", "observations": ""#)
        s.bytes(observation)
        s.lit(#"", "statusObj": {"id": "#)
        s.lit(status.id)
        s.lit(#", "code": ""#)
        s.lit(status.code)
        s.lit(#"", "description": ""#)
        s.lit(status.description)
        s.lit(#"", "description_en": ""#)
        s.lit(status.descriptionEN)
        s.lit(#"", "long_description": ""#)
        s.bytes(observation)
        s.lit(#"", "long_description_en": null}, "value": ""#)
        guideNumber(p, into: s)
        s.byte(0x22)
        if e.step == .delivered {
            if bigPOD > 0 {
                s.lit(#", "POD": "#)
                writePOD(count: bigPOD, r: &r, into: s)
                s.lit(#", "POD_B64": null, "POD_fileName": "evidencia_"#)
            } else {
                s.lit(#", "POD": null, "POD_B64": ""#)
                s.lit(Self.podBase64)
                s.lit(#"", "POD_fileName": "evidencia_"#)
            }
            guideNumber(p, into: s)
            s.lit(#".png""#)
        }
        s.byte(UInt8(ascii: "}"))
        if envelope { s.byte(UInt8(ascii: "}")) }
    }

    /// "0, " … "255, " (the last element drops the separator).
    static let byteTexts: (bytes: [UInt8], offsets: [Int]) = {
        var bytes: [UInt8] = []
        var offsets: [Int] = [0]
        for b in 0 ..< 256 {
            bytes += Array("\(b), ".utf8)
            offsets.append(bytes.count)
        }
        return (bytes, offsets)
    }()
    static let pngHeader: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82]

    /// A proof of delivery as a JSON byte array (a PNG signature, then random bytes), formatted
    /// straight into the sink, which flushes as it fills: memory stays flat for megabyte arrays.
    func writePOD(count: Int, r: inout GeneratorRandom, into s: ByteSink) {
        s.byte(UInt8(ascii: "["))
        let table = Self.byteTexts
        table.bytes.withUnsafeBufferPointer { text in
            table.offsets.withUnsafeBufferPointer { offsets in
                var word: UInt64 = 0
                for k in 0 ..< count {
                    let b: Int
                    if k < Self.pngHeader.count {
                        b = Int(Self.pngHeader[k])
                    } else {
                        if k & 7 == 0 { word = r.next() }
                        b = Int(word & 0xFF)
                        word >>= 8
                    }
                    let start = offsets[b]
                    let n = offsets[b + 1] - start - (k == count - 1 ? 2 : 0)
                    s.raw(text.baseAddress! + start, n)
                }
            }
        }
        s.byte(UInt8(ascii: "]"))
    }

    // MARK: 247Express order record

    func renderOrderRecord(_ p: OrderProfile, resent: Bool, into s: ByteSink) {
        var r = GeneratorRandom(seed, .render, 3, UInt64(p.index), resent ? 1 : 0)
        let defect: OrderDefect = resent && p.resend == .corrected ? .none : p.defect
        let cod = resent ? p.codFinal : p.cod
        let wrapped = defect == .noServiceType || r.percent(45)
        let codForm = r.below(100)
        var phone = r.next() % 100_000_000
        if resent && p.resend == .corrected && p.defect == .none { phone = (phone + 1) % 100_000_000 }
        let warehouseSpelling = r.percent(20)
        let note = r.below(GenVocabulary.orderNotes.count)
        let hasNote = r.percent(60)

        s.lit(wrapped ? #"{"OrderInfo": {"OrderCode": ""# : #"{"OrderCode": ""#)
        orderCode247(p, into: s)
        s.lit(#"", "#)
        if defect != .noHub {
            s.lit(#""ClientHubID": "#)
            s.uint(UInt64(GenVocabulary.clientHubs[p.shop]))
            s.lit(warehouseSpelling ? #", "CusWarehouseID": ""# : #", "CusWareHouseID": ""#)
            s.bytes(GenVocabulary.warehouses[p.shop])
            s.lit(#"", "#)
        }
        s.lit(#""ContactName": ""#)
        s.bytes(GenVocabulary.contactNames[p.shop])
        s.lit(#"", "ContactPhone": ""#)
        s.bytes(GenVocabulary.contactPhones[p.shop])
        renderReceiver(p, defect: defect, phone: phone, into: s)
        s.lit(#"", "RealWeight": "#)
        s.tenths(p.weightTenths)
        s.lit(#", "Length": 0, "Width": 0, "Height": 0, "Quantity": "#)
        s.uint(UInt64(p.quantity))
        s.lit(#", "Packages": ["#)
        if p.quantity > 1 { renderPackages(p, defect: defect, random: &r, into: s) }
        s.lit("]")
        if hasNote {
            s.lit(#", "Note": ""#)
            s.bytes(GenVocabulary.orderNotes[note])
            s.byte(0x22)
        }
        if defect != .noServiceType {
            s.lit(p.express ? #", "ServiceTypeID": "ED""# : #", "ServiceTypeID": "DE""#)
        }
        switch defect {
        case .noMailerType: break
        case .badMailerType: s.lit(#", "MailerType": "XX""#)
        default: s.lit(p.isTL ? #", "MailerType": "TL""# : #", "MailerType": "HH""#)
        }
        renderCharges(p, defect: defect, cod: cod, codForm: codForm, into: s)
        s.lit(wrapped ? "]}}" : "]}")
    }

    /// `ReceiverPhone` (unless the defect drops it) up to the value of `ReceiverWardName`
    /// (without its closing quote): name, address, province, district and ward.
    private func renderReceiver(_ p: OrderProfile, defect: OrderDefect, phone: UInt64, into s: ByteSink) {
        let province = GenVocabulary.provinces[p.region]
        let (district, ward) = province.districts[p.district]
        if defect != .noPhone {
            s.lit(#"", "ReceiverPhone": "0"#)
            s.lit(p.female ? "9" : "3")
            s.fixed(phone, 8)
        }
        s.lit(#"", "ReceiverName": ""#)
        receiverName(p, into: s)
        s.lit(#"", "ReceiverAddress": ""#)
        if defect != .emptyAddress {
            s.uint(UInt64(p.houseNumber))
            s.byte(0x20)
            s.bytes(GenVocabulary.vnStreets[p.street])
            s.lit(", ")
            s.bytes(ward)
            s.lit(", ")
            s.bytes(district)
            s.lit(", ")
            s.bytes(province.name)
        }
        if defect != .noProvince {
            s.lit(#"", "ReceiverProvinceName": ""#)
            s.bytes(province.name)
        }
        if defect == .nullDistrict {
            s.lit(#"", "ReceiverDistrictName": null, "ReceiverWardName": ""#)
        } else {
            s.lit(#"", "ReceiverDistrictName": ""#)
            s.bytes(district)
            s.lit(#"", "ReceiverWardName": ""#)
        }
        s.bytes(ward)
    }

    /// The elements of `Packages` of a multi-package order: the weight split evenly (the last
    /// takes the rest), random dimensions drawn from `r`, one package fewer or one without
    /// width and height when the defect says so.
    private func renderPackages(_ p: OrderProfile, defect: OrderDefect, random r: inout GeneratorRandom, into s: ByteSink) {
        let packages = defect == .quantityMismatch ? p.quantity - 1 : p.quantity
        var left = p.weightTenths
        for k in 0 ..< packages {
            let w = k == packages - 1 ? left : max(1, p.weightTenths / packages)
            left -= w
            if k > 0 { s.lit(", ") }
            s.lit(#"{"PackageID": ""#)
            orderCode247(p, into: s)
            s.byte(0x2F)
            s.uint(UInt64(k + 1))
            s.lit(#"", "Length": "#)
            s.uint(UInt64(r.int(15 ... 60)))
            if defect == .partialDimensions && k == packages - 1 {
                s.lit(#", "Width": null"#)
            } else {
                s.lit(#", "Width": "#)
                s.uint(UInt64(r.int(10 ... 40)))
                s.lit(#", "Height": "#)
                s.uint(UInt64(r.int(5 ... 30)))
            }
            s.lit(#", "RealWeight": "#)
            s.tenths(max(1, w))
            s.byte(UInt8(ascii: "}"))
        }
    }

    /// `CODAmount` (a number, a string or with `.00`, by `codForm`), `ExternalCode`, the special
    /// instruction, `InformFee` when due (unless the defect drops it) and the open `ExtraServices`
    /// array.
    private func renderCharges(_ p: OrderProfile, defect: OrderDefect, cod: Int, codForm: Int, into s: ByteSink) {
        s.lit(#", "CODAmount": "#)
        if codForm < 90 {
            s.uint(UInt64(cod))
        } else if codForm < 97 {
            s.byte(0x22)
            s.uint(UInt64(cod))
            s.byte(0x22)
        } else {
            s.uint(UInt64(cod))
            s.lit(".00")
        }
        s.lit(#", "ExternalCode": ""#)
        externalCode(p, into: s)
        s.lit(#"", "SpecialInstructionId": 1"#)
        let needsInformFee = !p.isTL || p.insurance || defect == .insuranceWithoutInformFee
        if needsInformFee && defect != .hhWithoutInformFee && defect != .insuranceWithoutInformFee {
            s.lit(#", "InformFee": "#)
            s.uint(UInt64(p.informFee))
        }
        s.lit(#", "ExtraServices": [{"ServiceID": "BP", "Type": 2}"#)
        if p.extraPTN { s.lit(#", {"ServiceID": "PTN", "Type": 2}"#) }
        if p.insurance || defect == .insuranceWithoutInformFee { s.lit(#", {"ServiceID": "DVBH", "Type": 1}"#) }
    }

    // MARK: Remittance statement row

    func renderRemittance(_ e: GenPendingLine, into s: ByteSink) {
        var r = GeneratorRandom(seed, .render, 4, UInt64(e.order), UInt64(e.seq))
        let p = profile(.express247, e.order)
        if e.flags & GenPendingLine.unknownOrder != 0 {
            s.lit("CNN")
            s.fixed(UInt64(p.yymm), 4)
            s.byte(UInt8(ascii: "9"))
            s.fixed(UInt64(p.index + 1), 7)
        } else {
            orderCode247(p, into: s)
        }
        s.byte(0x2C)
        let form = r.below(100)
        if form < 92 {
            s.uint(UInt64(e.amount))
        } else if form < 96 {
            s.uint(UInt64(e.amount))
            s.lit(".00")
        } else {
            s.byte(0x22)
            s.uint(UInt64(e.amount))
            s.byte(0x22)
        }
        s.byte(0x2C)
        s.naive(e.time, offsetSeconds: GenCarrier.express247.offsetSeconds)
        s.byte(0x2C)
        if e.fee >= 0 { s.uint(UInt64(e.fee)) }
        s.byte(0x2C)
        let t = GenCivilTime(e.time, offsetSeconds: GenCarrier.express247.offsetSeconds)
        let note = r.percent(5)
        if note { s.byte(0x22) }
        s.lit("CK-")
        s.two(t.year % 100)
        s.two(t.month)
        s.two(t.day)
        s.byte(0x2D)
        s.fixed(UInt64(e.order + 1), 7)
        if note {
            s.lit(", ")
            s.bytes(GenVocabulary.remittanceNotes[r.below(GenVocabulary.remittanceNotes.count)])
            s.byte(0x22)
        }
        s.lit("\r\n")
    }
}
