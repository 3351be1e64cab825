/// The content hash that run.json, the state directory and the stage files record for every
/// input and output file.
///
/// XXH3-128 by default: it reads at memory speed (tens of GB/s), where SHA-256 — even with the
/// CPU's SHA extensions — costs about half a second of CPU per GB, some 15% of a whole run. The
/// digest identifies content (has this export changed, is this the file the report was made
/// from); it is no signature: whoever can change a file can change its recorded digest too.
/// SHA-256 remains available (`--hash sha256`) for users whose tools expect it.
package enum HashAlgorithm: String, Sendable, CaseIterable, Codable {
    case xxh3 = "xxh3-128"
    case sha256 = "sha256"

    /// The algorithm called `name` (`xxh3-128`, `xxh3`, `sha256`; any case), nil for another.
    package static func named(_ name: String) -> HashAlgorithm? {
        switch name.lowercased() {
        case "xxh3-128", "xxh3", "xxh128": .xxh3
        case "sha256", "sha-256": .sha256
        default: nil
        }
    }

    /// The name of a digest's member in run.json (`xxh3_128`, `sha256`).
    package var jsonKey: String {
        switch self {
        case .xxh3: "xxh3_128"
        case .sha256: "sha256"
        }
    }
}
