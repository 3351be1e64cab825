internal import CCrypto

/// Incremental SHA-256 (OpenSSL's EVP, which uses the CPU's SHA extensions when present).
///
/// The only user of libcrypto in shipkpi: the `EVP_MD_CTX` is created and freed here and no
/// OpenSSL type appears in the interface. Not thread-safe: one digest per stream of bytes.
package final class SHA256Digest {
    private let ctx: OpaquePointer

    /// Throws ``DigestError`` when OpenSSL cannot allocate or initialise the context.
    package init() throws(DigestError) {
        guard let c = EVP_MD_CTX_new() else { throw DigestError(reason: "cannot allocate a SHA-256 context") }
        ctx = c
        guard EVP_DigestInit_ex(ctx, EVP_sha256(), nil) == 1 else {
            EVP_MD_CTX_free(c)
            throw DigestError(reason: "cannot initialise SHA-256")
        }
    }

    deinit { EVP_MD_CTX_free(ctx) }

    /// Adds `bytes` to the digest (an empty buffer adds nothing).
    package func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        _ = EVP_DigestUpdate(ctx, base, bytes.count)
    }

    /// The digest as 64 lowercase hex digits. Call once: it finalises the context.
    package func hexDigest() -> String {
        var out = [UInt8](repeating: 0, count: 32)
        var len: UInt32 = 0
        _ = out.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(ctx, $0.baseAddress, &len) }
        return hexString(out.prefix(Int(len)))
    }
}

/// A digest library could not set up its state (out of memory; never caused by input data).
package struct DigestError: Error, Sendable, CustomStringConvertible {
    package let reason: String

    package var description: String { reason }
}
