extension JSONText {
    /// The value of the four hex digits (either case) of a `\uXXXX` escape at
    /// `bytes[start ..< start + 4]`, or nil if one is not a hex digit. The caller checks that the
    /// four bytes exist.
    package static func hex4<Bytes: RandomAccessCollection>(_ bytes: Bytes, at start: Int) -> UInt32?
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var value: UInt32 = 0
        for k in 0 ..< 4 {
            let c = bytes[start + k]
            let digit: UInt32
            switch c {
            case 0x30 ... 0x39: digit = UInt32(c - 0x30)
            case 0x41 ... 0x46: digit = UInt32(c - 0x41 + 10)
            case 0x61 ... 0x66: digit = UInt32(c - 0x61 + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }
}
