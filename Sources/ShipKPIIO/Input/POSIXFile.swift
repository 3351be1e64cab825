import Glibc

/// `read(2)`, `pread(2)` and `write(2)` as every reader and writer of shipkpi calls them: retried
/// when a signal interrupts the call (`EINTR`), and a failure turned into
/// ``ShipKPIError/io(_:)`` with the file's name and `strerror(errno)` (`cannot read
/// exports.ndjson: Is a directory`).
package enum POSIXFile {
    /// One `read(2)` of at most `count` bytes into `buffer`: the number of bytes read, 0 at end of
    /// file (fewer than `count` is no error). `name` is how errors name the file ("standard input").
    package static func readSome(
        _ fd: Int32, into buffer: UnsafeMutableRawPointer?, count: Int, name: String
    )
        throws(ShipKPIError) -> Int
    {
        while true {
            let n = Glibc.read(fd, buffer, count)
            if n >= 0 { return n }
            if errno != EINTR { throw .io("cannot read \(name): \(String(cString: strerror(errno)))") }
        }
    }

    /// One `pread(2)` of at most `count` bytes at byte `offset` of the file: as
    /// ``readSome(_:into:count:name:)``.
    package static func readSome(
        _ fd: Int32, into buffer: UnsafeMutableRawPointer?, count: Int, at offset: Int64, name: String
    ) throws(ShipKPIError) -> Int {
        while true {
            let n = Glibc.pread(fd, buffer, count, off_t(offset))
            if n >= 0 { return n }
            if errno != EINTR { throw .io("cannot read \(name): \(String(cString: strerror(errno)))") }
        }
    }

    /// Writes every byte of `bytes`, calling `write(2)` again after a short write; throws
    /// `cannot write <name>: …` on the first failure (what was written before it stays written).
    package static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, name: String) throws(ShipKPIError) {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, base + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw .io("cannot write \(name): \(String(cString: strerror(errno)))")
            }
            done += n
        }
    }
}
