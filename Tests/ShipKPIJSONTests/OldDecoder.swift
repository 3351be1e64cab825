import CShipJSON
import ShipKPIJSON

/// The old record decoder (skp_json.h), which the extractor replaces: the reference the
/// extractor's validation and captured values are compared with until the integration removes it.
final class OldDecoder {
    /// One slot as the comparisons see it: its JSON type and its bytes (empty for containers).
    struct Slot: Equatable, CustomStringConvertible {
        var type: Int
        var bytes: [UInt8]
        static let absent = Slot(type: 0, bytes: [])
        var description: String { type == 0 ? "-" : "\(type):\(String(decoding: bytes, as: UTF8.self))" }
    }

    /// One record, every field the old API exposes.
    struct Record: Equatable, CustomStringConvertible {
        var kind: Int
        var flags: Int
        var reason: Int
        var subIndex: Int
        var packageCount: Int
        var detail: String?
        var slots: [Slot]

        init(kind: Int, flags: Int = 0, reason: Int = 0, subIndex: Int = 0, packageCount: Int = 0, detail: String? = nil,
             slots: [Slot] = Array(repeating: .absent, count: Int(SKP_NSLOTS))) {
            self.kind = kind
            self.flags = flags
            self.reason = reason
            self.subIndex = subIndex
            self.packageCount = packageCount
            self.detail = detail
            self.slots = slots
        }

        var description: String {
            let set = slots.enumerated().filter { $0.element.type != 0 }.map { "\($0.offset)=\($0.element)" }
            return "kind \(kind) flags \(flags) reason \(reason) sub \(subIndex) packages \(packageCount) \(detail ?? "") [\(set.joined(separator: " "))]"
        }
    }

    enum Outcome: Equatable {
        case records([Record])
        case failure(kind: Int, detail: String, offset: Int)
    }

    private let parser: OpaquePointer

    struct CannotAllocate: Error {}

    init(maxDepth: UInt32 = 64, dom: Bool = true) throws {
        guard let p = skp_parser_create(maxDepth) else { throw CannotAllocate() }
        parser = p
        skp_parser_set_dom(parser, dom ? 1 : 0)
    }

    deinit { skp_parser_destroy(parser) }

    func decode(_ bytes: [UInt8]) -> Outcome {
        withDocument(bytes) { doc in
            guard let base = doc.baseAddress else { return .failure(kind: -1, detail: "no buffer", offset: -1) }
            let rc = skp_parse(parser, base.assumingMemoryBound(to: UInt8.self), doc.count)
            guard rc == SKP_OK else {
                return .failure(kind: Int(rc), detail: String(cString: skp_error_detail(parser)), offset: Int(skp_error_offset(parser)))
            }
            let arena = UnsafeRawPointer(skp_arena(parser))
            var out: [Record] = []
            for i in 0 ..< skp_record_count(parser) {
                guard let r = skp_records(parser).map({ $0 + i }) else { break }
                var rec = Record(kind: Int(r.pointee.kind), flags: Int(r.pointee.flags), reason: Int(r.pointee.reason),
                                 subIndex: Int(r.pointee.sub_index), packageCount: Int(r.pointee.package_count),
                                 detail: r.pointee.detail.map { String(cString: $0) })
                for s in 0 ..< Int(SKP_NSLOTS) {
                    let v = skp_slot(r, Int32(s)).pointee
                    let bytes = v.len > 0 ? arena.map { Array(UnsafeRawBufferPointer(start: $0 + Int(v.off), count: Int(v.len))) } ?? [] : []
                    rec.slots[s] = Slot(type: Int(v.type), bytes: bytes)
                }
                out.append(rec)
            }
            return .records(out)
        }
    }
}
