import ShipKPIJSON

/// Every carrier's JSON fields merged into one schema for the extractor, with the envelope's
/// fields (`receivedAt`, and `payload`, which is read like a document of its own).
///
/// Merging is by name, node by node: two carriers that declare the same top-level name read the
/// same value, so they must declare it as the same kind (a scalar, an attachment, an object or an
/// array of objects); objects declared by both get the union of their fields. A contradiction is
/// an error when the registry is made, never a surprise at run time.
package struct RecordSchema: Sendable {
    package private(set) var json = JSONSchema()
    /// The envelope's `receivedAt` (at the top level).
    package let receivedAt: JSONField
    /// The envelope's `payload`: an object walked with the top-level fields.
    package let payload: JSONField

    package init(_ registry: CarrierRegistry) throws {
        receivedAt = try json.addField(names: ["receivedAt"], in: JSONSchema.root, kind: .scalar)
        payload = try json.addField(names: ["payload"], in: JSONSchema.root, kind: .object(JSONSchema.root))
        for profile in registry.profiles {
            try add(profile.reading.fields, to: JSONSchema.root, carrier: profile.id)
            for shape in profile.reading.shapes {
                for name in shape.fieldNames where json.field(named: name, in: JSONSchema.root) == nil {
                    throw ShipKPIError.internal("carrier \(profile.id): a shape tests \(name), which it does not declare at the top level")
                }
            }
        }
    }

    private mutating func add(_ specs: [FieldSpec], to node: JSONNode, carrier: String) throws {
        for spec in specs {
            let existing = Set(spec.names.compactMap { json.field(named: $0, in: node) })
            guard existing.count <= 1, existing.isEmpty || spec.names.allSatisfy({ json.field(named: $0, in: node) != nil }) else {
                throw ShipKPIError.internal("carrier \(carrier): \(spec.names.joined(separator: "/")) spells fields declared apart elsewhere")
            }
            if let field = existing.first {
                let kind = field.kind
                switch (spec, kind) {
                case (.scalar, .scalar), (.attachment, .attachment):
                    continue
                case (.object(_, let fields), .object(let child)), (.objects(_, let fields), .objects(let child)):
                    try add(fields, to: child, carrier: carrier)
                default:
                    throw ShipKPIError.internal("carrier \(carrier): \(spec.names[0]) is declared as another kind of field elsewhere")
                }
                continue
            }
            switch spec {
            case .scalar(let names):
                _ = try json.addField(names: names, in: node, kind: .scalar)
            case .attachment(let name):
                _ = try json.addField(names: [name], in: node, kind: .attachment)
            case .object(let name, let fields):
                let child = json.addNode()
                _ = try json.addField(names: [name], in: node, kind: .object(child))
                try add(fields, to: child, carrier: carrier)
            case .objects(let names, let fields):
                let child = json.addNode()
                _ = try json.addField(names: names, in: node, kind: .objects(child))
                try add(fields, to: child, carrier: carrier)
            }
        }
    }

    /// The field at `path` from the top level (`["guide", "currentStatus", "status"]`); every step
    /// but the last must be an object or an array of objects. Nil when not declared.
    package func field(_ path: [String]) -> JSONField? {
        var node = JSONSchema.root
        for (i, name) in path.enumerated() {
            guard let field = json.field(named: name, in: node) else { return nil }
            if i == path.count - 1 { return field }
            switch field.kind {
            case .object(let child), .objects(let child): node = child
            default: return nil
            }
        }
        return nil
    }
}
