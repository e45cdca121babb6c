/// Lowercase hexadecimal text of bytes: the one way digests, hashes and tokens are written.
extension Sequence where Element == UInt8 {
    /// Two lowercase hex digits per byte.
    public var hexText: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
