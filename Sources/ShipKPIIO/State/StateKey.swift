import Foundation
import ShipKPICore
import ShipKPIDigest

/// Everything that changes what an input maps to, as one digest: the program and format
/// versions, the carriers, the status map in effect, the zones, the currencies, the accepted API
/// keys (as a digest of their own: the keys are never stored), `--max-line-bytes`, whether reject
/// texts are kept, and the nesting limit. Records mapped under one key are never reused under
/// another. The filters (`--from`, `--to`, `--carrier`) and `--as-of` are applied by the fold,
/// after reuse, so they are not part of it.
package struct StateKey: Sendable, Equatable {
    /// Hex SHA-256 of the canonical description.
    package let digest: String
    /// The content hash of the inputs (their state files record it).
    package let hash: HashAlgorithm

    package init(options: DecodeOptions, maxLineBytes: Int) throws {
        var text = "shipkpi \(shipkpiVersion)\nstage format \(StageFile.formatVersion)\nstate format \(Self.stateFormat)\n"
        let carriers = options.registry.carriers
        for carrier in carriers.all {
            let traits = carriers[carrier]
            text += "carrier \(traits.id) kinds \(traits.recordKinds.map(\.id).joined(separator: ","))"
            text += " zone \(options.carrierZones[carrier].identifier) report \(options.reportZones[carrier].identifier)\n"
        }
        text += "status map\n" + StatusMapLoader.csv(options.statusMap, registry: options.registry)
        if let keys = options.apiKeys {
            let digest = try Self.sha256()
            for key in keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                (key + [0x0A]).withUnsafeBytes { digest.update($0) }
            }
            text += "api keys \(digest.hexDigest())\n"
        } else {
            text += "api keys none\n"
        }
        text += "max line bytes \(maxLineBytes)\ninclude pii \(options.includePII)\nevent text \(options.keepEventText)\n"
        text += "max depth \(options.maxDepth)\ncontent hash \(options.hash.rawValue)\n"
        hash = options.hash
        let digest = try Self.sha256()
        Array(text.utf8).withUnsafeBytes { digest.update($0) }
        self.digest = digest.hexDigest()
    }

    /// Raised when what a state file holds changes meaning (beyond the stage-file format).
    static let stateFormat = 2

    private static func sha256() throws -> SHA256Digest {
        do {
            return try SHA256Digest()
        } catch {
            throw ShipKPIError.internal(error.description)
        }
    }
}
