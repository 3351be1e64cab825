/// What a state file says of the input it was mapped from (its `meta` section, JSON): enough to
/// decide whether it can be reused and to write the input's run.json entry without reading it.
package struct InputStateMeta: Sendable, Codable, Equatable {
    /// The path as given to the run that mapped it (rejects and run.json show it).
    package var path: String
    /// The absolute path the state file is keyed by.
    package var absolutePath: String
    package var identity: InputIdentity
    /// SHA-256 of the raw (possibly compressed) bytes, as run.json records it.
    package var digest: String
    package var bytes: Int64
    package var decompressedBytes: Int64
    /// The ``StateKey`` digest it was mapped under.
    package var stateKey: String
    /// When it was mapped (UTC, ISO-8601).
    package var mappedAt: String
    /// Records and rejects it held.
    package var records: Int64
    package var rejects: Int64
    /// When every line was rejected: what the input probably is (logged again when reused).
    package var allRejectedCause: String?
}
