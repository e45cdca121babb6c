/// `immutable`: the value given at creation. If two creations ever disagree, the earliest wins everywhere.
public struct ImmutableValue: MergeRule {
    public static let kind = MergeKind.immutable

    /// The creating write.
    public internal(set) var write: Write?

    /// An empty field.
    public init() {}

    /// The merge: keeps the earliest write (a pure, commutative, idempotent choice).
    public func merging(_ incoming: Write) -> ImmutableValue {
        var next = self
        if let current = write, !Write.precedes(incoming, current) { return self }
        next.write = incoming
        return next
    }

    public static func validateCreated(_ value: JSONValue, spec: FieldSpec) throws {
        try Validator.check(value, as: spec.type, field: spec.name)
    }

    public static func validate(_ operation: ChangeOperation, spec: FieldSpec) throws {
        throw refuse(operation, spec: spec, "cannot change after creation")
    }

    public func created(_ value: JSONValue, version: HLC, author: String) -> ImmutableValue {
        merging(Write(value: value, version: version, author: author))
    }

    /// A later operation is ignored here; validation refuses it before it is stored.
    public func applying(_ operation: ChangeOperation, version: HLC, author: String) -> ImmutableValue { self }

    public var currentValue: JSONValue { write?.value ?? .null }
    public var currentVersion: HLC? { write?.version }

    public func pack(into writer: inout PackedWriter) { writer.write(write) }

    public init(unpacking reader: inout PackedReader) throws { write = try reader.write() }

    public var json: [String: JSONValue] { ["write": Write.json(write)] }

    public init(json: [String: JSONValue]) throws { write = try Write.optional(json["write"]) }

    public var fieldState: FieldState { .immutable(self) }
}
