internal import CXXHash

/// Incremental XXH3-128 (libxxhash). The only user of libxxhash in shipkpi: the state is created
/// and freed here and no xxHash type appears in the interface. Not thread-safe.
package final class XXH3Digest {
    private let state: OpaquePointer

    /// Throws ``DigestError`` when libxxhash cannot allocate its state.
    package init() throws(DigestError) {
        guard let s = XXH3_createState() else { throw DigestError(reason: "cannot allocate an XXH3 state") }
        state = s
        guard XXH3_128bits_reset(state) == XXH_OK else {
            XXH3_freeState(s)
            throw DigestError(reason: "cannot initialise XXH3")
        }
    }

    deinit { XXH3_freeState(state) }

    /// Adds `bytes` to the digest (an empty buffer adds nothing).
    package func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        _ = XXH3_128bits_update(state, base, bytes.count)
    }

    /// The digest as 32 lowercase hex digits, in xxHash's canonical (big-endian) order, as
    /// `xxhsum -H2` prints it.
    package func hexDigest() -> String {
        var canonical = XXH128_canonical_t()
        XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(state))
        return withUnsafeBytes(of: &canonical.digest) { hexString($0) }
    }
}
