import Foundation
import Glibc

/// An output file's size and SHA-256, for run.json.
package struct OutputDigest: Sendable, Equatable {
    package var name: String
    package var bytes: Int64
    package var digest: String
}
