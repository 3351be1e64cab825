/// An incremental digest of a stream of bytes in the run's ``HashAlgorithm``. Not thread-safe:
/// one digest per stream.
package final class ContentDigest {
    private enum State {
        case xxh3(XXH3Digest)
        case sha256(SHA256Digest)
    }

    private let state: State

    /// Throws ``DigestError`` when the library cannot allocate or initialise its state.
    package init(_ algorithm: HashAlgorithm) throws(DigestError) {
        switch algorithm {
        case .xxh3: state = .xxh3(try XXH3Digest())
        case .sha256: state = .sha256(try SHA256Digest())
        }
    }

    /// Adds `bytes` to the digest (an empty buffer adds nothing).
    package func update(_ bytes: UnsafeRawBufferPointer) {
        switch state {
        case .xxh3(let d): d.update(bytes)
        case .sha256(let d): d.update(bytes)
        }
    }

    /// The digest as lowercase hex (32 digits for XXH3-128, 64 for SHA-256), as `xxhsum -H2` and
    /// `sha256sum` print it. Call once: it finalises the state.
    package func hexDigest() -> String {
        switch state {
        case .xxh3(let d): d.hexDigest()
        case .sha256(let d): d.hexDigest()
        }
    }
}

/// Lowercase hex of `bytes`.
func hexString(_ bytes: some Sequence<UInt8>) -> String {
    let hex = Array("0123456789abcdef".utf8)
    var s = [UInt8]()
    for b in bytes {
        s.append(hex[Int(b >> 4)])
        s.append(hex[Int(b & 15)])
    }
    return String(decoding: s, as: UTF8.self)
}
