import Foundation

/// One page of `GET /v1/changes?after=&limit=`, the one type both sides use: the changes after the requested cursor as
/// the server's log stores them (canonical JSON bodies, oldest first) and where to continue.
///
/// Neither side decodes a stored change only to encode it again: the server splices the bodies into the JSON form,
/// or sends them length-prefixed in the packed form, and a replica stores the bodies it received as they are.
public struct PullPage: Sendable, Equatable, Decodable {
    /// The changes' canonical JSON bodies, oldest first.
    public var bodies: [String]
    /// The cursor to pass as `after` next time (unchanged when there was nothing new).
    public var next: Int64
    /// True when more changes are waiting past `next`.
    public var more: Bool
    /// The `Dossier-Checkpoint` header the page came with, as a client read it (not part of the body).
    public var checkpoint: String?

    /// The JSON keys: `{"changes": [change…], "more", "next"}`.
    public enum CodingKeys: String, CodingKey { case changes, next, more }

    /// Creates a page.
    public init(bodies: [String], next: Int64, more: Bool) {
        self.bodies = bodies
        self.next = next
        self.more = more
    }

    /// The changes, decoded.
    public var changes: [Change] { get throws {
        let decoder = JSONDecoder()
        return try bodies.map { try decoder.decode(Change.self, from: Data($0.utf8)) }
    } }

    /// The JSON form (keys sorted, as `CanonicalJSON` writes them) with the bodies spliced in as they are.
    public var json: [UInt8] {
        var bytes = Array("{\"\(CodingKeys.changes.stringValue)\":".utf8)
        Splicing.appendArray(of: bodies, to: &bytes)
        bytes += Array(",\"\(CodingKeys.more.stringValue)\":\(more),\"\(CodingKeys.next.stringValue)\":\(next)}".utf8)
        return bytes
    }

    /// Reads the JSON form; each change's body is its canonical encoding.
    public init(json: Data) throws {
        self = try JSONDecoder().decode(PullPage.self, from: json)
    }

    /// Reads the JSON form from a decoder.
    public init(from decoder: any Decoder) throws {
        let page = try Decoded(from: decoder)
        self.init(bodies: page.changes.map(CanonicalJSON.text), next: page.next, more: page.more)
    }

    /// The first byte of the packed form.
    public static let packedFormat: UInt8 = 1

    /// The packed form: format byte, next, more, count, then each body's length and UTF-8 bytes.
    public var packed: [UInt8] {
        var writer = PackedWriter(capacity: bodies.reduce(16) { $0 + $1.utf8.count + 3 })
        writer.byte(Self.packedFormat)
        writer.int(next)
        writer.flag(more)
        writer.count(bodies.count)
        for body in bodies { writer.string(body) }
        return writer.bytes
    }

    /// Reads the packed form.
    public init(packed bytes: [UInt8]) throws {
        var reader = PackedReader(bytes)
        guard try reader.byte() == Self.packedFormat else { throw PackedError("the pull page is in a packed format this client does not know") }
        next = try reader.int()
        more = try reader.flag()
        let count = try reader.count()
        bodies = []
        bodies.reserveCapacity(count)
        for _ in 0..<count { bodies.append(try reader.string()) }
        guard reader.isAtEnd else { throw PackedError("the pull page has bytes after its end") }
    }

    private struct Decoded: Decodable {
        var changes: [Change]
        var next: Int64
        var more: Bool
    }
}
