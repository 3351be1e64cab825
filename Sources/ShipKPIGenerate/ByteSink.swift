import Foundation
import ShipKPICore
import ShipKPIIO

#if canImport(Glibc)
import Glibc
#endif

/// A byte buffer that formats straight into raw memory: an output file (flushed with `write(2)`
/// whenever it fills) or, without a file, a growable scratch buffer.
///
/// The generator writes about a gigabyte through these, so there is no `String` per field: text
/// comes from `StaticString` literals and pre-encoded tables, numbers and dates are formatted
/// digit by digit. A write failure does not throw mid-line: it is remembered (`failure`), further
/// output is discarded, and the generator checks it between orders and at the end (an I/O error).
final class ByteSink {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Bytes waiting in the buffer.
    var count = 0
    private let fd: Int32
    /// The file's name for messages (empty for a scratch buffer).
    let name: String
    /// Bytes handed to `write(2)` so far.
    private(set) var flushed: Int64 = 0
    /// The first write error, if any.
    private(set) var failure: String?

    /// Total bytes produced (written and pending).
    var totalBytes: Int64 { flushed + Int64(count) }

    /// A scratch buffer in memory.
    init(scratchCapacity: Int = 1 << 16) {
        capacity = scratchCapacity
        base = .allocate(capacity: capacity)
        fd = -1
        name = ""
    }

    /// A new (truncated) file at `path`, with a buffer of `bufferSize` bytes.
    init(path: String, name: String, bufferSize: Int = 4 << 20) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ShipKPIError.io("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        self.fd = fd
        self.name = name
        capacity = bufferSize
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deallocate()
        if fd >= 0 { Glibc.close(fd) }
    }

    // MARK: Buffer management

    /// Makes room for `needed` more bytes.
    @inline(__always)
    func reserve(_ needed: Int) {
        if count &+ needed > capacity { makeRoom(needed) }
    }

    @inline(never)
    private func makeRoom(_ needed: Int) {
        if fd >= 0 {
            flush()
            if needed <= capacity { return }
        }
        var newCapacity = capacity * 2
        while newCapacity < count + needed { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }

    /// Writes the buffer to the file (no-op for scratch buffers).
    func flush() {
        guard fd >= 0, count > 0 else { return }
        if failure == nil { write(base, count: count) }
        count = 0
    }

    /// Flushes when the buffer is more than half full (call between lines of a file sink).
    @inline(__always)
    func lineDone() {
        if fd >= 0 && count >= capacity >> 1 { flush() }
    }

    /// Flushes and closes the file; throws the first write error.
    func close() throws {
        flush()
        if let failure { throw ShipKPIError.io(failure) }
        guard fd >= 0 else { return }
        if fsync(fd) != 0 && errno != EINVAL {
            throw ShipKPIError.io("cannot sync \(name): \(String(cString: strerror(errno)))")
        }
    }

    /// Discards the contents of a scratch buffer.
    func clear() { count = 0 }

    // MARK: Raw appends

    @inline(__always)
    func byte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count &+= 1
    }

    @inline(__always)
    func lit(_ s: StaticString) {
        s.withUTF8Buffer { raw($0.baseAddress!, count: $0.count) }
    }

    @inline(__always)
    func raw(_ start: UnsafePointer<UInt8>, count length: Int) {
        if length > capacity >> 1 && fd >= 0 {
            flush()
            if failure == nil { write(start, count: length) }
            return
        }
        reserve(length)
        (base + count).update(from: start, count: length)
        count &+= length
    }

    /// Writes `length` bytes at `start` to the file; a failure is remembered in `failure` (thrown by
    /// ``close()``), and the bytes count in `flushed` only once written. Never inlined: it is the
    /// slow path of ``raw(_:count:)``, which is inlined into every formatting loop.
    @inline(never)
    private func write(_ start: UnsafePointer<UInt8>, count length: Int) {
        do {
            try POSIXFile.writeAll(fd, UnsafeRawBufferPointer(start: start, count: length), name: name)
            flushed += Int64(length)
        } catch {
            failure = error.description
        }
    }

    @inline(__always)
    func bytes(_ a: [UInt8]) {
        a.withUnsafeBufferPointer { raw($0.baseAddress!, count: $0.count) }
    }

    /// Appends the contents of another (scratch) sink.
    func append(_ other: ByteSink) {
        raw(other.base, count: other.count)
    }

    /// The pending bytes (for scratch buffers).
    var pending: UnsafeMutableBufferPointer<UInt8> { UnsafeMutableBufferPointer(start: base, count: count) }

    /// Removes `n` bytes at `offset` of the pending bytes.
    func remove(at offset: Int, count n: Int) {
        let tail = count - offset - n
        if tail > 0 { (base + offset).update(from: base + offset + n, count: tail) }
        count -= n
    }

    /// Inserts one byte at `offset` of the pending bytes.
    func insert(_ b: UInt8, at offset: Int) {
        reserve(1)
        let tail = count - offset
        if tail > 0 { (base + offset + 1).update(from: base + offset, count: tail) }
        base[offset] = b
        count += 1
    }

    // MARK: Numbers

    /// "00" … "99".
    private static let pairs: [UInt8] = {
        var t: [UInt8] = []
        for i in 0 ..< 100 { t.append(UInt8(48 + i / 10)); t.append(UInt8(48 + i % 10)) }
        return t
    }()

    /// A non-negative integer in decimal.
    @inline(__always)
    func uint(_ value: UInt64) {
        if value < 10 {
            byte(UInt8(48 + value))
            return
        }
        var digits = 1
        var probe = value
        while probe >= 10 { probe /= 10; digits += 1 }
        fixed(value, width: digits)
    }

    @inline(__always)
    func int(_ value: Int) { int64(Int64(value)) }

    @inline(__always)
    func int64(_ value: Int64) {
        if value < 0 {
            byte(UInt8(ascii: "-"))
            uint(UInt64(-value))
        } else {
            uint(UInt64(value))
        }
    }

    /// `value` zero-padded to exactly `width` digits (higher digits are dropped).
    @inline(__always)
    func fixed(_ value: UInt64, width: Int) {
        reserve(width)
        var v = value
        var i = count + width
        Self.pairs.withUnsafeBufferPointer { pairs in
            while i - count >= 2 {
                let p = Int(v % 100) * 2
                v /= 100
                i -= 2
                base[i] = pairs[p]
                base[i + 1] = pairs[p + 1]
            }
            if i > count {
                base[count] = UInt8(48 + v % 10)
            }
        }
        count += width
    }

    /// Two digits.
    @inline(__always)
    func two(_ value: Int) { fixed(UInt64(value), width: 2) }

    /// A decimal with one fraction digit from tenths (`23` → `2.3`).
    func tenths(_ value: Int) {
        uint(UInt64(value / 10))
        byte(UInt8(ascii: "."))
        byte(UInt8(48 + value % 10))
    }

    /// A signed decimal with six fraction digits from millionths (`-99226000` → `-99.226000`).
    func micro(_ value: Int) {
        if value < 0 { byte(UInt8(ascii: "-")) }
        let m = abs(value)
        uint(UInt64(m / 1_000_000))
        byte(UInt8(ascii: "."))
        fixed(UInt64(m % 1_000_000), width: 6)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
    private static let hexUpper: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// `digits` hexadecimal digits of `value` (lowest digits).
    @inline(__always)
    func hex(_ value: UInt64, digits: Int, upper: Bool = false) {
        reserve(digits)
        let table = upper ? Self.hexUpper : Self.hexDigits
        var v = value
        table.withUnsafeBufferPointer { t in
            var i = count + digits - 1
            while i >= count {
                base[i] = t[Int(v & 15)]
                v >>= 4
                i -= 1
            }
        }
        count += digits
    }

    /// A version-4 GUID from two random words: `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`.
    func guid(_ first: UInt64, _ second: UInt64, upper: Bool = false) {
        hex(first >> 32, digits: 8, upper: upper)
        byte(UInt8(ascii: "-"))
        hex(first >> 16, digits: 4, upper: upper)
        byte(UInt8(ascii: "-"))
        hex(0x4000 | (first & 0x0FFF), digits: 4, upper: upper)
        byte(UInt8(ascii: "-"))
        hex(0x8000 | (second >> 48 & 0x3FFF), digits: 4, upper: upper)
        byte(UInt8(ascii: "-"))
        hex(second, digits: 12, upper: upper)
    }
}

extension ByteSink {
    /// `yyyy-MM-dd`
    func isoDate(_ t: GenCivilTime) {
        fixed(UInt64(t.year), width: 4); byte(0x2D); two(t.month); byte(0x2D); two(t.day)
    }

    /// `HH:mm:ss`
    func clock(_ t: GenCivilTime) {
        two(t.hour); byte(0x3A); two(t.minute); byte(0x3A); two(t.second)
    }

    /// `yyyy-MM-ddTHH:mm:ss.fffffff+07:00`: 247Express' .NET style, 7 fraction digits whose
    /// first three are the instant's milliseconds.
    func iso7(_ instant: Int64, offsetSeconds: Int, subMillis: Int) {
        let t = GenCivilTime(instant, offsetSeconds: offsetSeconds)
        isoDate(t); byte(0x54); clock(t); byte(0x2E)
        fixed(UInt64(t.millis * 10000 + subMillis), width: 7)
        offset(offsetSeconds)
    }

    /// `yyyy-MM-ddTHH:mm:ss+07:00` (no fraction).
    func isoSeconds(_ instant: Int64, offsetSeconds: Int) {
        let t = GenCivilTime(instant, offsetSeconds: offsetSeconds)
        isoDate(t); byte(0x54); clock(t)
        offset(offsetSeconds)
    }

    /// `yyyy-MM-ddTHH:mm:ss.SSSZ` in UTC.
    func isoUTCMillis(_ instant: Int64) {
        let t = GenCivilTime(instant, offsetSeconds: 0)
        isoDate(t); byte(0x54); clock(t); byte(0x2E); fixed(UInt64(t.millis), width: 3); byte(0x5A)
    }

    /// `yyyy-MM-dd HH:mm:ss` (naive local time).
    func naive(_ instant: Int64, offsetSeconds: Int) {
        let t = GenCivilTime(instant, offsetSeconds: offsetSeconds)
        isoDate(t); byte(0x20); clock(t)
    }

    /// `dd/MM/yyyy HH:mm:ss` or, without seconds, `dd/MM/yyyy HH:mm`.
    func slashed(_ instant: Int64, offsetSeconds: Int, seconds: Bool) {
        let t = GenCivilTime(instant, offsetSeconds: offsetSeconds)
        two(t.day); byte(0x2F); two(t.month); byte(0x2F); fixed(UInt64(t.year), width: 4); byte(0x20)
        two(t.hour); byte(0x3A); two(t.minute)
        if seconds { byte(0x3A); two(t.second) }
    }

    /// `dd-MM-yyyy`
    func dashedDate(_ t: GenCivilTime) {
        two(t.day); byte(0x2D); two(t.month); byte(0x2D); fixed(UInt64(t.year), width: 4)
    }

    /// `+07:00` / `-06:00`
    func offset(_ seconds: Int) {
        byte(seconds < 0 ? 0x2D : 0x2B)
        let m = abs(seconds) / 60
        two(m / 60); byte(0x3A); two(m % 60)
    }
}
