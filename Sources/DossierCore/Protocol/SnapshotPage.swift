import Foundation

/// One page of `GET /v1/snapshot`, the one type both sides use: materialised records in key order, as the stores
/// keep them (packed), and the log position they include.
///
/// A replica bootstraps by storing every page's states as they are, then pulling from the *first* page's cursor:
/// records read later may already include newer changes, which is harmless because merging is idempotent.
public struct SnapshotPage: Sendable, Decodable {
    /// Each record's packed state (`RecordState.packed()`), in key order.
    public var states: [[UInt8]]
    /// Every change up to this cursor is included in the records.
    public var cursor: Int64
    /// The key to pass as `after` for the next page, or nil on the last page.
    public var nextAfter: String?
    /// The `Dossier-Checkpoint` header the page came with (at `cursor`), as a client read it (not part of the body).
    public var checkpoint: String?

    /// The JSON keys.
    enum CodingKeys: String, CodingKey {
        case records, cursor
        case nextAfter = "next_after"
    }

    /// Creates a page of packed states.
    public init(states: [[UInt8]], cursor: Int64, nextAfter: String?) {
        self.states = states
        self.cursor = cursor
        self.nextAfter = nextAfter
    }

    /// Creates a page of records.
    public init(records: [RecordState], cursor: Int64, nextAfter: String?) {
        self.init(states: records.map { $0.packed() }, cursor: cursor, nextAfter: nextAfter)
    }

    /// The records, decoded.
    public var records: [RecordState] { get throws { try states.map(RecordState.init(packed:)) } }

    /// Unpacks every state once, split over the cores, and throws the first one's error that does not unpack.
    public func checkStates() throws {
        let errors = FirstError()
        SplitOverCores.forEachRange(of: states.count) { range in
            for bytes in states[range] {
                do { _ = try RecordState(packed: bytes) } catch { errors.keep(error); return }
            }
        }
        if let error = errors.first { throw error }
    }

    /// The JSON form, for clients other than replicas: `{"records": [state…], "cursor", "next_after"}`.
    public func json() throws -> Data {
        let object: [String: JSONValue] = [
            CodingKeys.records.stringValue: .array(try records.map(\.json)), CodingKeys.cursor.stringValue: .int(cursor),
            CodingKeys.nextAfter.stringValue: nextAfter.map(JSONValue.string) ?? .null,
        ]
        return CanonicalJSON.encode(JSONValue.object(object))
    }

    /// Reads the JSON form.
    public init(json: Data) throws {
        self = try JSONDecoder().decode(SnapshotPage.self, from: json)
    }

    /// Reads the JSON form from a decoder.
    public init(from decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        guard let object = value.objectValue, case .array(let records)? = object[CodingKeys.records.stringValue],
              let cursor = object[CodingKeys.cursor.stringValue]?.intValue else { throw StateJSONError("a snapshot page needs records and cursor") }
        self.init(records: try records.map(RecordState.init(json:)), cursor: cursor,
                  nextAfter: object[CodingKeys.nextAfter.stringValue]?.stringValue)
    }
}

/// The first error any of several threads reports.
private final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private var error: (any Error)?

    /// Keeps `error` unless one is already kept.
    func keep(_ error: any Error) { lock.withLock { if self.error == nil { self.error = error } } }

    /// The error kept, if any.
    var first: (any Error)? { lock.withLock { error } }
}
