/// Push requests and pull pages assembled from change bodies that are already canonical JSON (as the outbox and the
/// server's log store them), so that neither side decodes a stored change only to encode it again.
extension PushRequest {
    /// `{"changes":[…]}` with the bodies spliced in as they are.
    public static func json(splicing bodies: [String]) -> [UInt8] {
        var bytes = Array("{\"changes\":".utf8)
        appendArray(of: bodies, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }
}

extension PullPage {
    /// The page's JSON object (keys sorted, as `CanonicalJSON` writes them) with the bodies spliced in as they are.
    public static func json(splicing bodies: [String], next: Int64, more: Bool) -> [UInt8] {
        var bytes = Array("{\"\(CodingKeys.changes.stringValue)\":".utf8)
        appendArray(of: bodies, to: &bytes)
        bytes += Array(",\"\(CodingKeys.more.stringValue)\":\(more),\"\(CodingKeys.next.stringValue)\":\(next)}".utf8)
        return bytes
    }
}

/// Appends `[body,body,…]`.
private func appendArray(of bodies: [String], to bytes: inout [UInt8]) {
    bytes.reserveCapacity(bytes.count + bodies.reduce(2) { $0 + $1.utf8.count + 1 } + 48)
    bytes.append(UInt8(ascii: "["))
    for (index, body) in bodies.enumerated() {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        bytes += body.utf8
    }
    bytes.append(UInt8(ascii: "]"))
}
