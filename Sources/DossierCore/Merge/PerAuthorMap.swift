/// `per-author`: one `lww` entry per author; different authors never conflict. A `null` write withdraws.
public struct PerAuthorMap: MergeRule {
    public static let kind = MergeKind.perAuthor

    /// Each author's register.
    public internal(set) var entries: [String: LWWRegister] = [:]

    /// An empty map.
    public init() {}

    /// The merge: the write goes to its own author's register.
    public func merging(_ incoming: Write) -> PerAuthorMap {
        var next = self
        next.entries[incoming.author] = (entries[incoming.author] ?? LWWRegister()).merging(incoming)
        return next
    }

    /// The entries in force, by author.
    public var values: [String: JSONValue] {
        entries.compactMapValues { register in
            guard let value = register.winner?.value, !value.isNull else { return nil }
            return value
        }
    }

    public static func validateCreated(_ value: JSONValue, spec: FieldSpec) throws {
        try Validator.check(value, as: spec.type, field: spec.name)
    }

    public static func validate(_ operation: ChangeOperation, spec: FieldSpec) throws {
        guard case .setMine(_, let value) = operation else { throw refuse(operation, spec: spec) }
        if !value.isNull { try Validator.check(value, as: spec.type, field: spec.name) }
    }

    public func created(_ value: JSONValue, version: HLC, author: String) -> PerAuthorMap {
        merging(Write(value: value, version: version, author: author))
    }

    public func applying(_ operation: ChangeOperation, version: HLC, author: String) -> PerAuthorMap {
        guard case .setMine(_, let value) = operation else { return self }
        return merging(Write(value: value, version: version, author: author))
    }

    public var currentValue: JSONValue { .object(values) }

    public func pack(into writer: inout PackedWriter) {
        writer.count(entries.count)
        for (author, register) in entries { writer.string(author); writer.write(register.winner) }
    }

    public init(unpacking reader: inout PackedReader) throws {
        for _ in 0..<(try reader.count()) {
            let author = try reader.string()
            entries[author] = LWWRegister(winner: try reader.write())
        }
    }

    public var json: [String: JSONValue] { ["entries": .object(entries.mapValues { Write.json($0.winner) })] }

    public init(json: [String: JSONValue]) throws {
        entries = try (json["entries"]?.objectValue ?? [:]).mapValues { LWWRegister(winner: try Write.optional($0)) }
    }

    public var fieldState: FieldState { .perAuthor(self) }
}

extension Edit {
    /// Sets this author's entry of a per-author field (a grade).
    public static func setMine(_ field: String, to value: JSONValue, in state: RecordState) throws -> ChangeOperation {
        try requireAlive(state)
        return .setMine(field: field, value: value)
    }
}
