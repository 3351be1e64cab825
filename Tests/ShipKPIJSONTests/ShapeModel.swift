import CShipJSON
import ShipKPIJSON

/// The old decoder's shape recognition (skp_json.cpp: `finish_object`, `emit_order`,
/// `history_record`, `package_record`, `attachment_flag`, `is_dvbh`) redone over the extractor's
/// frames, producing the records `skp_parse` produces. Equal records for a document prove the
/// frames carry everything the old decoder used — the safety net for moving shape recognition
/// to Swift. It copies the old rules as they are, quirks included (the status-log items of every
/// `Data` in the document go to the one `Data` that is reported).
struct ShapeModel {
    typealias Record = OldDecoder.Record
    typealias Slot = OldDecoder.Slot

    let s: ShipSchema

    /// The key each public slot is read from (in the 247 nodes and the package node).
    static let slotNames: [Int: String] = [
        Int(SKP_S_ORDER_CODE): "OrderCode", Int(SKP_S_STATUS): "Status", Int(SKP_S_STATUS_NAME): "StatusName",
        Int(SKP_S_TIME): "Time", Int(SKP_S_TRANSACTION_ID): "TransactionId", Int(SKP_S_DELAY_CODE): "DelayCode",
        Int(SKP_S_DELAY_NOTES): "DelayNotes", Int(SKP_S_FEEDBACK): "RequestFeedbackCount", Int(SKP_S_MAILMAN): "Mailman",
        Int(SKP_S_API_KEY): "ApiKey", Int(SKP_S_DELIVERY_DATE): "DeliveryDate", Int(SKP_S_SERVICE_TYPE): "ServiceTypeID",
        Int(SKP_S_RCV_ADDRESS): "ReceiverAddress", Int(SKP_S_RCV_PROVINCE): "ReceiverProvinceName",
        Int(SKP_S_RCV_DISTRICT): "ReceiverDistrictName", Int(SKP_S_RCV_PHONE): "ReceiverPhone", Int(SKP_S_CLIENT_HUB): "ClientHubID",
        Int(SKP_S_CUS_WAREHOUSE): "CusWareHouseID", Int(SKP_S_CUS_WAREHOUSE_ALT): "CusWarehouseID", Int(SKP_S_MAILER_TYPE): "MailerType",
        Int(SKP_S_REAL_WEIGHT): "RealWeight", Int(SKP_S_INFORM_FEE): "InformFee", Int(SKP_S_COD_AMOUNT): "CODAmount",
        Int(SKP_S_COP_AMT): "COPAmt", Int(SKP_S_QUANTITY): "Quantity", Int(SKP_S_PACKAGES): "Packages",
        Int(SKP_S_LENGTH): "Length", Int(SKP_S_WIDTH): "Width", Int(SKP_S_HEIGHT): "Height", Int(SKP_S_RECEIVED_AT): "receivedAt",
    ]
    static let duplicate = "a field appears twice in one object"

    func records(_ extraction: JSONExtraction) -> [Record]? {
        switch extraction {
        case .failure: return nil
        case .array: return [reject(SKP_R_UNKNOWN_SHAPE, "the record is a JSON array, not an object", 0)]
        case .scalar: return [reject(SKP_R_UNKNOWN_SHAPE, "the record is a JSON scalar, not an object", 0)]
        case .object(let root):
            var out: [Record] = []
            finish(root, flags: 0, receivedAt: .absent, histories: histories(root), into: &out)
            return out
        }
    }

    // MARK: - Reading frames

    func slot(_ f: JSONFrame, _ field: JSONField?) -> Slot {
        guard let field else { return .absent }
        return Slot(type: Int(f.type(field).rawValue), bytes: Array(f.bytes(field)))
    }

    /// The public slots of a frame of `node`, as `rec.slot[s] = sc->v[s]` copied them.
    func slots(_ f: JSONFrame, _ node: JSONNode) -> [Slot] {
        (0 ..< Int(SKP_NSLOTS)).map { i in Self.slotNames[i].map { slot(f, s.field(node, $0)) } ?? .absent }
    }

    func missing(_ f: JSONFrame, _ node: JSONNode, _ name: String) -> Bool {
        guard let field = s.field(node, name) else { return true }
        return f.isMissing(field)
    }

    /// `sc->flags`: attachments present, DVBH among the extra services, extra services not a list.
    func ownFlags(_ f: JSONFrame, _ node: JSONNode) -> Int {
        var flags = 0
        for name in ["POD", "POD_B64"] where s.field(node, name).map(f.hasContent) == true { flags |= Int(SKP_F_HAS_POD) }
        if s.field(node, "format").map(f.hasContent) == true { flags |= Int(SKP_F_HAS_ATTACHMENT) }
        if let extras = s.field(node, "ExtraServices") {
            switch f.type(extras) {
            case .array:
                let serviceID = s[s.extra, "ServiceID"]
                for e in f.elements(extras) where e.isObject && e.type(serviceID) == .string && Array(e.bytes(serviceID)) == Array("DVBH".utf8) {
                    flags |= Int(SKP_F_HAS_DVBH)
                }
            case .absent, .null: break
            default: flags |= Int(SKP_F_EXTRA_NOT_ARRAY)
            }
        }
        return flags
    }

    /// Every frame of the document, in frame order.
    func allFrames(_ root: JSONFrame) -> [JSONFrame] {
        var out: [JSONFrame] = []
        func visit(_ f: JSONFrame) {
            out.append(f)
            guard let node = f.node else { return }
            for field in s.schema.fields(of: node) {
                if let c = f.child(field) { visit(c) }
                for e in f.elements(field) { visit(e) }
            }
        }
        visit(root)
        return out.sorted { $0.number < $1.number }
    }

    /// The status-log items of the whole document in document order (the old `histories`).
    func histories(_ root: JSONFrame) -> [Record] {
        let items = allFrames(root).filter { $0.parent?.node == s.ordersItem }
        return items.enumerated().map { i, f in
            var rec = Record(kind: Int(SKP_K_REJECT), flags: Int(SKP_F_STATUS_LOG), subIndex: i + 1)
            guard f.isObject else {
                rec.reason = Int(SKP_R_UNKNOWN_SHAPE)
                rec.detail = "a status-log history item is not an object"
                return rec
            }
            rec.slots = slots(f, s.event)
            if f.hasDuplicateKey {
                rec.reason = Int(SKP_R_DUPLICATE_KEY); rec.detail = Self.duplicate
            } else if missing(f, s.event, "OrderCode") {
                rec.reason = Int(SKP_R_MISSING_ORDER_CODE); rec.detail = "history item: OrderCode is missing"
            } else if missing(f, s.event, "Status") {
                rec.reason = Int(SKP_R_MISSING_STATUS); rec.detail = "history item: Status is missing"
            } else {
                rec.kind = Int(SKP_K_EVENT_247)
            }
            return rec
        }
    }

    func reject(_ reason: some BinaryInteger, _ detail: String, _ flags: Int) -> Record {
        Record(kind: Int(SKP_K_REJECT), flags: flags, reason: Int(reason), detail: detail)
    }

    // MARK: - Shapes

    func emitOrder(_ f: JSONFrame, _ node: JSONNode, flags: Int, receivedAt: Slot, into out: inout [Record]) {
        if missing(f, node, "OrderCode") { out.append(reject(SKP_R_MISSING_ORDER_CODE, "order record: OrderCode is missing", flags)); return }
        if f.hasDuplicateKey { out.append(reject(SKP_R_DUPLICATE_KEY, Self.duplicate, flags)); return }
        var rec = Record(kind: Int(SKP_K_ORDER_247), flags: flags | ownFlags(f, node), slots: slots(f, node))
        rec.slots[Int(SKP_S_RECEIVED_AT)] = receivedAt
        let packages = f.elements(s[node, "Packages"])
        rec.packageCount = packages.count
        out.append(rec)
        for p in packages {
            var pkg = Record(kind: Int(SKP_K_PACKAGE_247))
            guard p.isObject else { pkg.reason = Int(SKP_R_INVALID_FIELD); out.append(pkg); continue }
            for i in [SKP_S_LENGTH, SKP_S_WIDTH, SKP_S_HEIGHT, SKP_S_REAL_WEIGHT] {
                pkg.slots[Int(i)] = slot(p, s.field(s.package, Self.slotNames[Int(i)] ?? ""))
            }
            if p.hasDuplicateKey { pkg.reason = Int(SKP_R_DUPLICATE_KEY) }
            out.append(pkg)
        }
    }

    func finish(_ sc: JSONFrame, flags: Int, receivedAt: Slot, histories: [Record], into out: inout [Record]) {
        let root = s.root
        let t = { (name: String) in sc.type(s[root, name]) }
        // Envelope.
        if t("payload") != .absent && flags & Int(SKP_F_ENVELOPE) == 0 {
            guard let payload = sc.child(s[root, "payload"]) else {
                out.append(reject(SKP_R_UNKNOWN_SHAPE, "envelope: payload is not an object", flags)); return
            }
            finish(payload, flags: flags | Int(SKP_F_ENVELOPE), receivedAt: slot(sc, s[root, "receivedAt"]), histories: histories, into: &out)
            return
        }
        if sc.hasDuplicateKey { out.append(reject(SKP_R_DUPLICATE_KEY, Self.duplicate, flags)); return }
        if t("OrderInfo") != .absent {
            guard let info = sc.child(s[root, "OrderInfo"]) else { out.append(reject(SKP_R_UNKNOWN_SHAPE, "OrderInfo is not an object", flags)); return }
            emitOrder(info, s.order, flags: flags, receivedAt: receivedAt, into: &out)
            return
        }
        if t("Data") != .absent {
            guard let data = sc.child(s[root, "Data"]), data.type(s[s.data, "Orders"]) == .array else {
                out.append(reject(SKP_R_UNKNOWN_SHAPE, "Data has no Orders array", flags)); return
            }
            for var h in histories {
                h.flags |= flags
                h.slots[Int(SKP_S_RECEIVED_AT)] = receivedAt
                out.append(h)
            }
            return
        }
        if t("guide") != .absent {
            guard let g = sc.child(s[root, "guide"]) else { out.append(reject(SKP_R_UNKNOWN_SHAPE, "guide is not an object", flags)); return }
            let cur = g.child(s[s.guide, "currentStatus"])
            if g.hasDuplicateKey || cur?.hasDuplicateKey == true { out.append(reject(SKP_R_DUPLICATE_KEY, Self.duplicate, flags)); return }
            if g.isMissing(s[s.guide, "guideNumber"]) {
                out.append(reject(SKP_R_MISSING_ORDER_CODE, "guide.guideNumber is missing", flags)); return
            }
            guard let cur, !cur.isMissing(s[s.currentStatus, "status"]) else {
                out.append(reject(SKP_R_MISSING_STATUS, "guide.currentStatus.status is missing", flags)); return
            }
            var rec = Record(kind: Int(SKP_K_HOUND_STATUS), flags: flags | ownFlags(g, s.guide))
            rec.slots[Int(SKP_S_ORDER_CODE)] = slot(g, s[s.guide, "guideNumber"])
            rec.slots[Int(SKP_S_STATUS)] = slot(cur, s[s.currentStatus, "status"])
            rec.slots[Int(SKP_S_STATUS_NAME)] = slot(cur, s[s.currentStatus, "code"])
            rec.slots[Int(SKP_S_HD_DATE)] = slot(cur, s[s.currentStatus, "date"])
            rec.slots[Int(SKP_S_HD_TIME)] = slot(cur, s[s.currentStatus, "time"])
            rec.slots[Int(SKP_S_RECEIVED_AT)] = receivedAt
            out.append(rec)
            return
        }
        if t("statusObj") != .absent {
            let so = sc.child(s[root, "statusObj"])
            if so?.hasDuplicateKey == true { out.append(reject(SKP_R_DUPLICATE_KEY, Self.duplicate, flags)); return }
            if sc.isMissing(s[root, "value"]) {
                out.append(reject(SKP_R_MISSING_ORDER_CODE, "webhook: value (the guide number) is missing", flags)); return
            }
            guard let so, !so.isMissing(s[s.statusObj, "id"]) else {
                out.append(reject(SKP_R_MISSING_STATUS, "webhook: statusObj.id is missing", flags)); return
            }
            var rec = Record(kind: Int(SKP_K_HOUND_WEBHOOK), flags: flags | ownFlags(sc, root))
            rec.slots[Int(SKP_S_ORDER_CODE)] = slot(sc, s[root, "value"])
            rec.slots[Int(SKP_S_STATUS)] = slot(so, s[s.statusObj, "id"])
            rec.slots[Int(SKP_S_STATUS_NAME)] = slot(so, s[s.statusObj, "code"])
            rec.slots[Int(SKP_S_HD_DATETIME_ISO)] = slot(sc, s[root, "dateTimeISO"])
            rec.slots[Int(SKP_S_HD_DATETIME)] = slot(sc, s[root, "dateTime"])
            rec.slots[Int(SKP_S_HD_DATE)] = slot(sc, s[root, "date"])
            rec.slots[Int(SKP_S_RECEIVED_AT)] = receivedAt
            out.append(rec)
            return
        }
        if !missing(sc, root, "Status") {
            if missing(sc, root, "OrderCode") { out.append(reject(SKP_R_MISSING_ORDER_CODE, "status event: OrderCode is missing", flags)); return }
            var rec = Record(kind: Int(SKP_K_EVENT_247), flags: flags | ownFlags(sc, root), slots: slots(sc, root))
            rec.slots[Int(SKP_S_RECEIVED_AT)] = receivedAt
            out.append(rec)
            return
        }
        if !missing(sc, root, "OrderCode") && !missing(sc, root, "ServiceTypeID") {
            emitOrder(sc, root, flags: flags, receivedAt: receivedAt, into: &out)
            return
        }
        if !missing(sc, root, "OrderCode") { out.append(reject(SKP_R_UNKNOWN_SHAPE, "OrderCode without Status or ServiceTypeID", flags)); return }
        if t("value") != .absent { out.append(reject(SKP_R_UNKNOWN_SHAPE, "value without statusObj", flags)); return }
        out.append(reject(SKP_R_UNKNOWN_SHAPE, "not a known record shape", flags))
    }
}
