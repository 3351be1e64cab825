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

    static func houndObservation(_ step: GenStep, _ reason: GenReason, variant: Int) -> [UInt8] {
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
    func orderCode247(_ profile: OrderProfile, into sink: ByteSink) {
        sink.lit("CNN")
        sink.fixed(UInt64(profile.yymm), width: 4)
        sink.fixed(UInt64(profile.index + 1), width: 7)
    }

    /// The shop's own reference: `SHOP-1234`.
    func externalCode(_ profile: OrderProfile, into sink: ByteSink) {
        sink.bytes(GenVocabulary.shopPrefixes[profile.shop])
        sink.byte(0x2D)
        sink.uint(UInt64(profile.index + 1))
    }

    /// 16-digit HoundExpress guide number.
    func guideNumber(_ profile: OrderProfile, into sink: ByteSink) {
        sink.lit("90010081")
        sink.fixed(UInt64(profile.index + 1), width: 8)
    }

    func receiverName(_ profile: OrderProfile, into sink: ByteSink) {
        if profile.carrier == .express247 {
            sink.bytes(GenVocabulary.vnFamily[profile.family])
            sink.byte(0x20)
            sink.bytes(profile.female ? GenVocabulary.vnMiddleFemale[profile.middle] : GenVocabulary.vnMiddleMale[profile.middle])
            sink.byte(0x20)
            sink.bytes(profile.female ? GenVocabulary.vnGivenFemale[profile.given] : GenVocabulary.vnGivenMale[profile.given])
        } else {
            sink.bytes(GenVocabulary.mxGiven[profile.given])
            sink.byte(0x20)
            sink.bytes(GenVocabulary.mxSurname[profile.family])
            sink.byte(0x20)
            sink.bytes(GenVocabulary.mxSurname[profile.surname2])
        }
    }

    /// A 247Express courier of the province's pool (stable across orders).
    func courierName(region: Int, courier: Int, into sink: ByteSink) {
        var r = GeneratorRandom(seed, .courier, UInt64(region), UInt64(courier))
        let female = r.percent(25)
        sink.bytes(GenVocabulary.vnFamily[r.below(GenVocabulary.vnFamily.count)])
        sink.byte(0x20)
        if female {
            sink.bytes(GenVocabulary.vnMiddleFemale[r.below(GenVocabulary.vnMiddleFemale.count)])
            sink.byte(0x20)
            sink.bytes(GenVocabulary.vnGivenFemale[r.below(GenVocabulary.vnGivenFemale.count)])
        } else {
            sink.bytes(GenVocabulary.vnMiddleMale[r.below(GenVocabulary.vnMiddleMale.count)])
            sink.byte(0x20)
            sink.bytes(GenVocabulary.vnGivenMale[r.below(GenVocabulary.vnGivenMale.count)])
        }
    }

    // MARK: 247Express status event (webhook body, or GetStatusLogs history item)

    func render247Event(_ line: GenPendingLine, of profile: OrderProfile, into sink: ByteSink, statusLog: Bool) {
        var r = GeneratorRandom(seed, .render, 0, UInt64(line.order), UInt64(line.ordinal))
        let envelope = r.percent(10) && !statusLog
        let txA = r.next(), txB = r.next()
        let subMillis = r.below(10_000)
        let timeForm = r.below(100)
        let statusAsNumber = r.percent(4)
        let feedbackAsString = r.percent(2)
        let variant = r.below(1000)
        let receivedLag = r.int64(150 ... 4000)

        if envelope { openEnvelope(receivedAt: line.time + receivedLag, into: sink) }
        if statusLog {
            sink.lit(#"{"OrderCode": ""#)
        } else {
            sink.lit(#"{"ApiKey": ""#)
            apiKey(profile.shop, into: sink)
            sink.lit(#"", "OrderCode": ""#)
        }
        orderCode247(profile, into: sink)
        sink.lit(#"", "ExternalCode": ""#)
        externalCode(profile, into: sink)
        sink.lit(#"", "ReferenceCode": ""#)
        externalCode(profile, into: sink)
        renderStatus(line, asNumber: statusAsNumber, feedbackAsString: feedbackAsString, into: sink)
        renderDelay(line.reason, variant: variant, into: sink)
        renderDelivery(line, of: profile, variant: variant, into: sink)
        receiverName(profile, into: sink)
        sink.lit(#"", "TransactionId": ""#)
        sink.guid(txA, txB)
        sink.lit(#"", "Time": ""#)
        if timeForm < 96 {
            sink.iso7(line.time, offsetSeconds: GenCarrier.express247.offsetSeconds, subMillis: subMillis)
        } else if timeForm < 99 {
            sink.naive(line.time, offsetSeconds: GenCarrier.express247.offsetSeconds)
        } else {
            sink.isoUTCMillis(line.time)
        }
        if statusLog {
            sink.lit(#"", "IsCallError": false, "ErrorMessage": null, "IsPartnerResponseError": false, "PartnerResponseErrorMsg": null}"#)
        } else {
            sink.lit(#""}"#)
        }
        if envelope { sink.byte(UInt8(ascii: "}")) }
    }

    /// `Status` (a string, or a number when `asNumber`), `StatusName`, `Description` (the change
    /// from the previous step) and `RequestFeedbackCount` of a 247Express event.
    private func renderStatus(_ line: GenPendingLine, asNumber statusAsNumber: Bool, feedbackAsString: Bool, into sink: ByteSink) {
        let step = Int(line.step.rawValue)
        if statusAsNumber {
            sink.lit(#"", "Status": "#)
            sink.lit(Self.status247[step])
            sink.lit(#", "StatusName": ""#)
        } else {
            sink.lit(#"", "Status": ""#)
            sink.lit(Self.status247[step])
            sink.lit(#"", "StatusName": ""#)
        }
        sink.lit(Self.name247[step])
        if line.step == .created {
            sink.lit(#"", "Description": "Create order", "RequestFeedbackCount": "#)
        } else {
            sink.lit(#"", "Description": "Change order status: "#)
            sink.lit(Self.name247[Int(line.previous.rawValue)])
            sink.lit(" ==> ")
            sink.lit(Self.name247[step])
            sink.lit(#"", "RequestFeedbackCount": "#)
        }
        if feedbackAsString {
            sink.byte(0x22)
            sink.uint(UInt64(line.feedback))
            sink.byte(0x22)
        } else {
            sink.uint(UInt64(line.feedback))
        }
    }

    /// A webhook receiver's envelope around the record: `{"receivedAt": "…", "payload": ` (the
    /// caller closes it), counted in the summary unless rendered into the scratch sink.
    @inline(__always)
    private func openEnvelope(receivedAt: Int64, into sink: ByteSink) {
        sink.lit(#"{"receivedAt": ""#)
        sink.isoUTCMillis(receivedAt)
        sink.lit(#"", "payload": "#)
        if sink !== scratch { summary.envelopes += 1 }
    }

    /// `DelayCode` and `DelayNotes` of a 247Express event: both null without a reason, a note
    /// without a code for `.noCode`, else the reason's code and one of its notes (by `variant`).
    private func renderDelay(_ reason: GenReason, variant: Int, into sink: ByteSink) {
        switch reason {
        case .none:
            sink.lit(#", "DelayCode": null, "DelayNotes": null"#)
        case .noCode:
            sink.lit(#", "DelayCode": null, "DelayNotes": ""#)
            sink.bytes(GenVocabulary.delayNotes[0][0])
            sink.byte(0x22)
        default:
            let i = Int(reason.rawValue)
            sink.lit(#", "DelayCode": ""#)
            sink.bytes(GenVocabulary.delayCodes[i])
            sink.lit(#"", "DelayNotes": ""#)
            sink.bytes(GenVocabulary.delayNotes[i][variant % GenVocabulary.delayNotes[i].count])
            sink.byte(0x22)
        }
    }

    /// `DeliveryNotes` (for final steps), `Mailman` (the courier, when assigned), `DeliveryDate`
    /// (when delivered) and the opening of `ReceiverName` of a 247Express event.
    private func renderDelivery(_ line: GenPendingLine, of profile: OrderProfile, variant: Int, into sink: ByteSink) {
        let notes: [[UInt8]]?
        switch line.step {
        case .delivered: notes = GenVocabulary.deliveredNotes
        case .confiscated: notes = GenVocabulary.confiscatedNotes
        case .returned: notes = GenVocabulary.returnedNotes
        case .lost: notes = GenVocabulary.lostNotes
        default: notes = nil
        }
        if let notes {
            sink.lit(#", "DeliveryNotes": ""#)
            sink.bytes(notes[variant % notes.count])
            sink.lit(#"", "Mailman": "#)
        } else {
            sink.lit(#", "DeliveryNotes": null, "Mailman": "#)
        }
        if line.courier >= 0 {
            sink.byte(0x22)
            courierName(region: profile.region, courier: Int(line.courier), into: sink)
            sink.lit(#"", "DeliveryDate": "#)
        } else {
            sink.lit(#"null, "DeliveryDate": "#)
        }
        if line.step == .delivered {
            sink.byte(0x22)
            sink.naive(line.time, offsetSeconds: GenCarrier.express247.offsetSeconds)
            sink.lit(#"", "ReceiverName": ""#)
        } else {
            sink.lit(#"null, "ReceiverName": ""#)
        }
    }

    // MARK: HoundExpress changeOrderStatus

    func renderHoundStatus(_ line: GenPendingLine, of profile: OrderProfile, into sink: ByteSink, bigPOD: Int) {
        var r = GeneratorRandom(seed, .render, 1, UInt64(line.order), UInt64(line.ordinal))
        let dateForm = r.below(100)
        let statusAsString = r.percent(3)
        let variant = r.below(1000)
        let latitude = r.int(-60_000 ... 60_000), longitude = r.int(-60_000 ... 60_000)
        let photo = r.percent(30)
        let podCount = r.int(12 ... 40)
        let ine = r.next() % 10_000_000_000
        let status = Self.houndStatus(line.step, line.reason)

        sink.lit(#"{"guide": {"currentStatus": {"#)
        if line.step == .delivered || line.step == .attemptFailed {
            let city = GenVocabulary.cities[profile.region]
            sink.lit(#""longitud": ""#)
            sink.micro(city.longitude + longitude)
            sink.lit(#"", "latitud": ""#)
            sink.micro(city.latitude + latitude)
            sink.lit(#"", "#)
        }
        renderHoundDate(line.time, form: dateForm, into: sink)
        if statusAsString {
            sink.lit(#", "status": ""#)
            sink.lit(status.id)
            sink.lit(#"", "observations": ""#)
        } else {
            sink.lit(#", "status": "#)
            sink.lit(status.id)
            sink.lit(#", "observations": ""#)
        }
        sink.bytes(Self.houndObservation(line.step, line.reason, variant: variant))
        sink.lit(#""}, "guideNumber": ""#)
        guideNumber(profile, into: sink)
        sink.byte(0x22)
        renderHoundEvidence(line, of: profile, photo: photo, podCount: bigPOD > 0 ? bigPOD : podCount, ine: ine, random: &r, into: sink)
        sink.lit("}}")
    }

    /// `"date": …` of a changeOrderStatus: epoch milliseconds as a string or a number, local
    /// `dd/MM/yyyy HH:mm:ss`, or a local date and a separate `time` (by `form`, 0–99).
    private func renderHoundDate(_ time: Int64, form dateForm: Int, into sink: ByteSink) {
        let offset = GenCarrier.hound.offsetSeconds
        sink.lit(#""date": "#)
        if dateForm < 40 {
            sink.byte(0x22)
            sink.int64(time)
            sink.byte(0x22)
        } else if dateForm < 70 {
            sink.int64(time)
        } else if dateForm < 90 {
            sink.byte(0x22)
            sink.slashed(time, offsetSeconds: offset, seconds: true)
            sink.byte(0x22)
        } else {
            let t = GenCivilTime(time, offsetSeconds: offset)
            sink.byte(0x22)
            sink.dashedDate(t)
            sink.lit(#"", "time": ""#)
            sink.clock(t)
            sink.byte(0x22)
        }
    }

    /// The evidence of a changeOrderStatus: for a delivery, the receiver, the INE number and the
    /// proof of delivery (`podCount` bytes drawn from `random`); for a failed attempt with a `photo`,
    /// the photo of the house front.
    private func renderHoundEvidence(
        _ line: GenPendingLine, of profile: OrderProfile, photo: Bool, podCount: Int, ine: UInt64, random: inout GeneratorRandom,
        into sink: ByteSink
    ) {
        if line.step == .delivered {
            sink.lit(#", "realReceiverPerson": {"givenName": ""#)
            receiverName(profile, into: sink)
            sink.lit(#"", "identification": "INE"#)
            sink.fixed(ine, width: 10)
            sink.lit(#"", "idType": 1}, "POD": "#)
            writePOD(count: podCount, random: &random, into: sink)
            sink.lit(#", "POD_fileName": "firma_"#)
            guideNumber(profile, into: sink)
            sink.lit(#".png""#)
        } else if line.step == .attemptFailed && photo {
            sink.lit(#", "format": "[255,216,255,224,0,16,74,70,73,70]", "format_fileName": "fachada_"#)
            guideNumber(profile, into: sink)
            sink.lit(#".jpg""#)
        }
    }

    // MARK: HoundExpress webhook notification

    static let podBase64: StaticString = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAghn7twAAAABJRU5ErkJggg=="

    func renderHoundWebhook(_ line: GenPendingLine, of profile: OrderProfile, into sink: ByteSink, bigPOD: Int) {
        var r = GeneratorRandom(seed, .render, 2, UInt64(line.order), UInt64(line.ordinal))
        let envelope = r.percent(8)
        let dateForm = r.below(100)
        let variant = r.below(1000)
        let receivedLag = r.int64(150 ... 4000)
        let status = Self.houndStatus(line.step, line.reason)
        let offset = GenCarrier.hound.offsetSeconds
        let observation = Self.houndObservation(line.step, line.reason, variant: variant)

        if envelope { openEnvelope(receivedAt: line.time + receivedLag, into: sink) }
        sink.byte(UInt8(ascii: "{"))
        if dateForm < 70 {
            sink.lit(#""dateTimeISO": ""#)
            sink.isoSeconds(line.time, offsetSeconds: offset)
            sink.lit(#"", "#)
        }
        if dateForm < 90 {
            sink.lit(#""dateTime": ""#)
            sink.naive(line.time, offsetSeconds: offset)
            sink.lit(#"", "#)
        }
        sink.lit(#""date": ""#)
        sink.slashed(line.time, offsetSeconds: offset, seconds: false)
        sink.lit(#"", "location": ""#)
        sink.bytes(GenVocabulary.cities[profile.region].name)
        sink.lit(#"", "observations": ""#)
        sink.bytes(observation)
        sink.lit(#"", "statusObj": {"id": "#)
        sink.lit(status.id)
        sink.lit(#", "code": ""#)
        sink.lit(status.code)
        sink.lit(#"", "description": ""#)
        sink.lit(status.description)
        sink.lit(#"", "description_en": ""#)
        sink.lit(status.descriptionEN)
        sink.lit(#"", "long_description": ""#)
        sink.bytes(observation)
        sink.lit(#"", "long_description_en": null}, "value": ""#)
        guideNumber(profile, into: sink)
        sink.byte(0x22)
        if line.step == .delivered {
            if bigPOD > 0 {
                sink.lit(#", "POD": "#)
                writePOD(count: bigPOD, random: &r, into: sink)
                sink.lit(#", "POD_B64": null, "POD_fileName": "evidencia_"#)
            } else {
                sink.lit(#", "POD": null, "POD_B64": ""#)
                sink.lit(Self.podBase64)
                sink.lit(#"", "POD_fileName": "evidencia_"#)
            }
            guideNumber(profile, into: sink)
            sink.lit(#".png""#)
        }
        sink.byte(UInt8(ascii: "}"))
        if envelope { sink.byte(UInt8(ascii: "}")) }
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
    func writePOD(count: Int, random: inout GeneratorRandom, into sink: ByteSink) {
        sink.byte(UInt8(ascii: "["))
        let table = Self.byteTexts
        table.bytes.withUnsafeBufferPointer { text in
            table.offsets.withUnsafeBufferPointer { offsets in
                var word: UInt64 = 0
                for k in 0 ..< count {
                    let b: Int
                    if k < Self.pngHeader.count {
                        b = Int(Self.pngHeader[k])
                    } else {
                        if k & 7 == 0 { word = random.next() }
                        b = Int(word & 0xFF)
                        word >>= 8
                    }
                    let start = offsets[b]
                    let n = offsets[b + 1] - start - (k == count - 1 ? 2 : 0)
                    sink.raw(text.baseAddress! + start, count: n)
                }
            }
        }
        sink.byte(UInt8(ascii: "]"))
    }

    // MARK: 247Express order record

    func renderOrderRecord(_ profile: OrderProfile, resent: Bool, into sink: ByteSink) {
        var r = GeneratorRandom(seed, .render, 3, UInt64(profile.index), resent ? 1 : 0)
        let defect: OrderDefect = resent && profile.resend == .corrected ? .none : profile.defect
        let cod = resent ? profile.codFinal : profile.cod
        let wrapped = defect == .noServiceType || r.percent(45)
        let codForm = r.below(100)
        var phone = r.next() % 100_000_000
        if resent && profile.resend == .corrected && profile.defect == .none { phone = (phone + 1) % 100_000_000 }
        let warehouseSpelling = r.percent(20)
        let note = r.below(GenVocabulary.orderNotes.count)
        let hasNote = r.percent(60)

        sink.lit(wrapped ? #"{"OrderInfo": {"OrderCode": ""# : #"{"OrderCode": ""#)
        orderCode247(profile, into: sink)
        sink.lit(#"", "#)
        if defect != .noHub {
            sink.lit(#""ClientHubID": "#)
            sink.uint(UInt64(GenVocabulary.clientHubs[profile.shop]))
            sink.lit(warehouseSpelling ? #", "CusWarehouseID": ""# : #", "CusWareHouseID": ""#)
            sink.bytes(GenVocabulary.warehouses[profile.shop])
            sink.lit(#"", "#)
        }
        sink.lit(#""ContactName": ""#)
        sink.bytes(GenVocabulary.contactNames[profile.shop])
        sink.lit(#"", "ContactPhone": ""#)
        sink.bytes(GenVocabulary.contactPhones[profile.shop])
        renderReceiver(profile, defect: defect, phone: phone, into: sink)
        sink.lit(#"", "RealWeight": "#)
        sink.tenths(profile.weightTenths)
        sink.lit(#", "Length": 0, "Width": 0, "Height": 0, "Quantity": "#)
        sink.uint(UInt64(profile.quantity))
        sink.lit(#", "Packages": ["#)
        if profile.quantity > 1 { renderPackages(profile, defect: defect, random: &r, into: sink) }
        sink.lit("]")
        if hasNote {
            sink.lit(#", "Note": ""#)
            sink.bytes(GenVocabulary.orderNotes[note])
            sink.byte(0x22)
        }
        if defect != .noServiceType {
            sink.lit(profile.express ? #", "ServiceTypeID": "ED""# : #", "ServiceTypeID": "DE""#)
        }
        switch defect {
        case .noMailerType: break
        case .badMailerType: sink.lit(#", "MailerType": "XX""#)
        default: sink.lit(profile.isTL ? #", "MailerType": "TL""# : #", "MailerType": "HH""#)
        }
        renderCharges(profile, defect: defect, cod: cod, codForm: codForm, into: sink)
        sink.lit(wrapped ? "]}}" : "]}")
    }

    /// `ReceiverPhone` (unless the defect drops it) up to the value of `ReceiverWardName`
    /// (without its closing quote): name, address, province, district and ward.
    private func renderReceiver(_ profile: OrderProfile, defect: OrderDefect, phone: UInt64, into sink: ByteSink) {
        let province = GenVocabulary.provinces[profile.region]
        let (district, ward) = province.districts[profile.district]
        if defect != .noPhone {
            sink.lit(#"", "ReceiverPhone": "0"#)
            sink.lit(profile.female ? "9" : "3")
            sink.fixed(phone, width: 8)
        }
        sink.lit(#"", "ReceiverName": ""#)
        receiverName(profile, into: sink)
        sink.lit(#"", "ReceiverAddress": ""#)
        if defect != .emptyAddress {
            sink.uint(UInt64(profile.houseNumber))
            sink.byte(0x20)
            sink.bytes(GenVocabulary.vnStreets[profile.street])
            sink.lit(", ")
            sink.bytes(ward)
            sink.lit(", ")
            sink.bytes(district)
            sink.lit(", ")
            sink.bytes(province.name)
        }
        if defect != .noProvince {
            sink.lit(#"", "ReceiverProvinceName": ""#)
            sink.bytes(province.name)
        }
        if defect == .nullDistrict {
            sink.lit(#"", "ReceiverDistrictName": null, "ReceiverWardName": ""#)
        } else {
            sink.lit(#"", "ReceiverDistrictName": ""#)
            sink.bytes(district)
            sink.lit(#"", "ReceiverWardName": ""#)
        }
        sink.bytes(ward)
    }

    /// The elements of `Packages` of a multi-package order: the weight split evenly (the last
    /// takes the rest), random dimensions drawn from `random`, one package fewer or one without
    /// width and height when the defect says so.
    private func renderPackages(_ profile: OrderProfile, defect: OrderDefect, random: inout GeneratorRandom, into sink: ByteSink) {
        let packages = defect == .quantityMismatch ? profile.quantity - 1 : profile.quantity
        var left = profile.weightTenths
        for k in 0 ..< packages {
            let w = k == packages - 1 ? left : max(1, profile.weightTenths / packages)
            left -= w
            if k > 0 { sink.lit(", ") }
            sink.lit(#"{"PackageID": ""#)
            orderCode247(profile, into: sink)
            sink.byte(0x2F)
            sink.uint(UInt64(k + 1))
            sink.lit(#"", "Length": "#)
            sink.uint(UInt64(random.int(15 ... 60)))
            if defect == .partialDimensions && k == packages - 1 {
                sink.lit(#", "Width": null"#)
            } else {
                sink.lit(#", "Width": "#)
                sink.uint(UInt64(random.int(10 ... 40)))
                sink.lit(#", "Height": "#)
                sink.uint(UInt64(random.int(5 ... 30)))
            }
            sink.lit(#", "RealWeight": "#)
            sink.tenths(max(1, w))
            sink.byte(UInt8(ascii: "}"))
        }
    }

    /// `CODAmount` (a number, a string or with `.00`, by `codForm`), `ExternalCode`, the special
    /// instruction, `InformFee` when due (unless the defect drops it) and the open `ExtraServices`
    /// array.
    private func renderCharges(_ profile: OrderProfile, defect: OrderDefect, cod: Int, codForm: Int, into sink: ByteSink) {
        sink.lit(#", "CODAmount": "#)
        if codForm < 90 {
            sink.uint(UInt64(cod))
        } else if codForm < 97 {
            sink.byte(0x22)
            sink.uint(UInt64(cod))
            sink.byte(0x22)
        } else {
            sink.uint(UInt64(cod))
            sink.lit(".00")
        }
        sink.lit(#", "ExternalCode": ""#)
        externalCode(profile, into: sink)
        sink.lit(#"", "SpecialInstructionId": 1"#)
        let needsInformFee = !profile.isTL || profile.insurance || defect == .insuranceWithoutInformFee
        if needsInformFee && defect != .hhWithoutInformFee && defect != .insuranceWithoutInformFee {
            sink.lit(#", "InformFee": "#)
            sink.uint(UInt64(profile.informFee))
        }
        sink.lit(#", "ExtraServices": [{"ServiceID": "BP", "Type": 2}"#)
        if profile.extraPTN { sink.lit(#", {"ServiceID": "PTN", "Type": 2}"#) }
        if profile.insurance || defect == .insuranceWithoutInformFee { sink.lit(#", {"ServiceID": "DVBH", "Type": 1}"#) }
    }

    // MARK: Remittance statement row

    func renderRemittance(_ line: GenPendingLine, into sink: ByteSink) {
        var r = GeneratorRandom(seed, .render, 4, UInt64(line.order), UInt64(line.seq))
        let p = profile(.express247, line.order)
        if line.flags & GenPendingLine.unknownOrder != 0 {
            sink.lit("CNN")
            sink.fixed(UInt64(p.yymm), width: 4)
            sink.byte(UInt8(ascii: "9"))
            sink.fixed(UInt64(p.index + 1), width: 7)
        } else {
            orderCode247(p, into: sink)
        }
        sink.byte(0x2C)
        let form = r.below(100)
        if form < 92 {
            sink.uint(UInt64(line.amount))
        } else if form < 96 {
            sink.uint(UInt64(line.amount))
            sink.lit(".00")
        } else {
            sink.byte(0x22)
            sink.uint(UInt64(line.amount))
            sink.byte(0x22)
        }
        sink.byte(0x2C)
        sink.naive(line.time, offsetSeconds: GenCarrier.express247.offsetSeconds)
        sink.byte(0x2C)
        if line.fee >= 0 { sink.uint(UInt64(line.fee)) }
        sink.byte(0x2C)
        let t = GenCivilTime(line.time, offsetSeconds: GenCarrier.express247.offsetSeconds)
        let note = r.percent(5)
        if note { sink.byte(0x22) }
        sink.lit("CK-")
        sink.two(t.year % 100)
        sink.two(t.month)
        sink.two(t.day)
        sink.byte(0x2D)
        sink.fixed(UInt64(line.order + 1), width: 7)
        if note {
            sink.lit(", ")
            sink.bytes(GenVocabulary.remittanceNotes[r.below(GenVocabulary.remittanceNotes.count)])
            sink.byte(0x22)
        }
        sink.lit("\r\n")
    }
}
