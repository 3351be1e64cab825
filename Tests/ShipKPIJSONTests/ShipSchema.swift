import ShipKPIJSON

/// A schema with the shapes of the shipped carriers' documents (nested objects, arrays of objects,
/// aliases, attachments, the envelope's payload walked with the root node), written out by hand
/// so that the extractor is tested apart from the carrier profiles.
struct ShipSchema {
    static let event247 = [
        "OrderCode", "Status", "StatusName", "Time", "TransactionId", "DelayCode", "DelayNotes",
        "RequestFeedbackCount", "Mailman", "ApiKey", "DeliveryDate",
    ]
    /// Order keys captured as scalars (Packages and ExtraServices/ExtraService are added as containers).
    static let order247 = [
        "OrderCode", "ServiceTypeID", "ReceiverAddress", "ReceiverProvinceName", "ReceiverDistrictName",
        "ReceiverPhone", "ClientHubID", "CusWareHouseID", "CusWarehouseID", "MailerType", "RealWeight",
        "InformFee", "CODAmount", "COPAmt", "Quantity",
    ]
    static let rootScalars = ["value", "date", "dateTime", "dateTimeISO", "receivedAt"]

    var schema = JSONSchema()
    let root = JSONSchema.root
    let order: JSONNode, event: JSONNode, package: JSONNode, extra: JSONNode, data: JSONNode, ordersItem: JSONNode
    let guide: JSONNode, currentStatus: JSONNode, statusObj: JSONNode
    /// Every field by node and name (aliases included).
    private(set) var fieldsByName: [JSONNode: [String: JSONField]] = [:]

    init() throws {
        var s = JSONSchema()
        order = s.addNode(); event = s.addNode(); package = s.addNode(); extra = s.addNode(); data = s.addNode()
        ordersItem = s.addNode(); guide = s.addNode(); currentStatus = s.addNode(); statusObj = s.addNode()
        var table: [JSONNode: [String: JSONField]] = [:]
        func add(_ names: [String], _ node: JSONNode, _ kind: JSONFieldKind = .scalar) throws {
            // The root is a union of tables: a name already there keeps its first definition.
            let fresh = names.filter { s.field(named: $0, in: node) == nil }
            guard !fresh.isEmpty else { return }
            let f = try s.addField(names: fresh, in: node, kind: kind)
            for name in fresh { table[node, default: [:]][name] = f }
        }
        func orderKeys(_ node: JSONNode) throws {
            for name in Self.order247 { try add([name], node) }
            try add(["Packages"], node, .objects(package))
            try add(["ExtraServices", "ExtraService"], node, .objects(extra))
        }
        // Root: 247 event keys, 247 order keys, the extras.
        for name in Self.event247 { try add([name], root) }
        try orderKeys(root)
        for name in Self.rootScalars { try add([name], root) }
        try add(["statusObj"], root, .object(statusObj))
        try add(["POD"], root, .attachment)
        try add(["POD_B64"], root, .attachment)
        try add(["OrderInfo"], root, .object(order))
        try add(["Data"], root, .object(data))
        try add(["guide"], root, .object(guide))
        try add(["payload"], root, .object(root))
        try orderKeys(order)
        for name in Self.event247 { try add([name], event) }
        for name in ["Length", "Width", "Height", "RealWeight"] { try add([name], package) }
        try add(["ServiceID"], extra)
        try add(["Orders"], data, .objects(ordersItem))
        try add(["Histories"], ordersItem, .objects(event))
        try add(["guideNumber"], guide)
        try add(["currentStatus"], guide, .object(currentStatus))
        try add(["POD"], guide, .attachment)
        try add(["POD_B64"], guide, .attachment)
        try add(["format"], guide, .attachment)
        for name in ["status", "code", "date", "time"] { try add([name], currentStatus) }
        for name in ["id", "code"] { try add([name], statusObj) }
        schema = s
        fieldsByName = table
    }

    /// The field `name` of `node` (the test's own tables; fails loudly on a typo).
    subscript(_ node: JSONNode, _ name: String) -> JSONField {
        guard let f = fieldsByName[node]?[name] else { fatalError("no field \(name) in \(node)") }
        return f
    }

    func field(_ node: JSONNode, _ name: String) -> JSONField? { fieldsByName[node]?[name] }

    func extractor(maxDepth: UInt32 = 64, dom: Bool = true) throws -> JSONExtractor {
        try JSONExtractor(schema: schema, maxDepth: maxDepth, domFastPath: dom)
    }
}

/// `bytes` followed by the padding the parsers require.
func padded(_ bytes: [UInt8]) -> [UInt8] { bytes + [UInt8](repeating: 0, count: JSONExtractor.padding) }

/// Runs `body` on the document `text` (padded).
func withDocument<T>(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
    let buffer = padded(bytes)
    return try buffer.withUnsafeBytes { raw in try body(UnsafeRawBufferPointer(rebasing: raw[0 ..< bytes.count])) }
}

extension UnsafeRawBufferPointer {
    var string: String { String(decoding: self, as: UTF8.self) }
}
