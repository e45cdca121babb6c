/// One field of an entity: its type, whether it is required, and its merge rule.
public struct FieldSpec: Sendable, Equatable {
    /// The field's name in changes, exports and the CLI.
    public let name: String
    /// The type of the value (of each element, for sets and claims).
    public let type: ValueType
    /// Whether a record must have it.
    public let required: Bool
    /// How concurrent writes merge.
    public let merge: MergeKind
    /// The value a new record gets when none is given.
    public let defaultValue: JSONValue?

    /// Describes a field.
    public init(_ name: String, _ type: ValueType, required: Bool = false, merge: MergeKind, default defaultValue: JSONValue? = nil) {
        self.name = name
        self.type = type
        self.required = required
        self.merge = merge
        self.defaultValue = defaultValue
    }
}
