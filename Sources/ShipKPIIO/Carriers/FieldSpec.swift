/// A field a carrier reads from its JSON, as a tree: scalars, attachments (large values that are
/// validated but only checked for presence), nested objects and arrays of objects.
///
/// Carriers declare their fields at the top level of a document; the ``RecordSchema`` merges every
/// carrier's declarations into one schema for the JSON extractor. Two carriers may declare the
/// same name (they then read the same value) as long as they declare it the same way.
package indirect enum FieldSpec: Sendable, Equatable {
    /// A string, number, boolean or null (strings trimmed); `names` are spellings of one field.
    case scalar(names: [String])
    /// A value that may be megabytes long (a proof-of-delivery image as a byte array or a
    /// string): never copied, only whether it is present and not empty.
    case attachment(name: String)
    /// An object whose own fields are `fields`.
    case object(name: String, fields: [FieldSpec])
    /// An array of objects, each with `fields`; `names` are spellings of one field.
    case objects(names: [String], fields: [FieldSpec])

    package static func scalar(_ name: String) -> FieldSpec { .scalar(names: [name]) }
    package static func attachment(_ name: String) -> FieldSpec { .attachment(name: name) }
    package static func object(_ name: String, _ fields: [FieldSpec]) -> FieldSpec { .object(name: name, fields: fields) }
    package static func objects(_ name: String, _ fields: [FieldSpec]) -> FieldSpec { .objects(names: [name], fields: fields) }

    /// The field's spellings.
    package var names: [String] {
        switch self {
        case .scalar(let names), .objects(let names, _): names
        case .attachment(let name), .object(let name, _): [name]
        }
    }
}
