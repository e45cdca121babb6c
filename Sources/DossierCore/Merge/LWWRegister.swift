/// `lww`: the write with the greatest (HLC, replica id) wins; the loser stays only in history.
public struct LWWRegister: WholeValueRule {
    public static let kind = MergeKind.lww

    /// The winning write.
    public internal(set) var winner: Write?

    /// An empty register.
    public init() {}

    /// A register holding a write (as the packed and JSON forms of claims and per-author maps read it).
    init(winner: Write?) {
        self.winner = winner
    }

    /// The merge: keeps the later write.
    public func merging(_ incoming: Write) -> LWWRegister {
        if let current = winner, !Write.precedes(current, incoming) { return self }
        var next = self
        next.winner = incoming
        return next
    }


    public func created(_ value: JSONValue, version: HLC, author: String) -> LWWRegister {
        merging(Write(value: value, version: version, author: author))
    }

    public func applying(_ operation: ChangeOperation, version: HLC, author: String) -> LWWRegister {
        switch operation {
        case .set(_, let value, _), .resolve(_, let value, _): merging(Write(value: value, version: version, author: author))
        default: self
        }
    }

    public var currentValue: JSONValue { winner?.value ?? .null }
    public var currentVersion: HLC? { winner?.version }
    public var seenVersions: Set<HLC> { winner.map { [$0.version] } ?? [] }

    public func pack(into writer: inout PackedWriter) { writer.write(winner) }

    public init(unpacking reader: inout PackedReader) throws { winner = try reader.write() }

    public var json: [String: JSONValue] { ["winner": Write.json(winner)] }

    public init(json: [String: JSONValue]) throws { winner = try Write.optional(json["winner"]) }

    public var fieldState: FieldState { .lww(self) }
}
