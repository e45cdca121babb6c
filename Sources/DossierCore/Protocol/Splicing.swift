/// Push requests and pull pages assembled from change bodies that are already canonical JSON (as the outbox and the
/// server's log store them), so that neither side decodes a stored change only to encode it again.
extension PushRequest {
    /// `{"changes":[…]}` with the bodies spliced in as they are.
    public static func json(splicing bodies: [String]) -> [UInt8] {
        var bytes = Array("{\"changes\":".utf8)
        Splicing.appendArray(of: bodies, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }
}

/// Splices change bodies that are already canonical JSON into a JSON array.
enum Splicing {
    /// Appends `[body,body,…]`.
    static func appendArray(of bodies: [String], to bytes: inout [UInt8]) {
        bytes.reserveCapacity(bytes.count + bodies.reduce(2) { $0 + $1.utf8.count + 1 } + 48)
        bytes.append(UInt8(ascii: "["))
        for (index, body) in bodies.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes += body.utf8
        }
        bytes.append(UInt8(ascii: "]"))
    }
}
