/// The merge state of one field: one case per merge kind, each a `MergeRule` that holds the kind's behaviour.
public enum FieldState: Hashable, Sendable {
    case immutable(ImmutableValue)
    case lww(LWWRegister)
    case contested(ContestedRegister)
    case set(AddWinsSet)
    case claims(ClaimSet)
    case perAuthor(PerAuthorMap)

    /// The rule's state, to call its behaviour.
    public var rule: any MergeRule {
        switch self {
        case .immutable(let state): state
        case .lww(let state): state
        case .contested(let state): state
        case .set(let state): state
        case .claims(let state): state
        case .perAuthor(let state): state
        }
    }

    /// An empty state for a merge kind.
    public static func empty(_ kind: MergeKind) -> FieldState { kind.rule.init().fieldState }

    /// The merge kind.
    public var kind: MergeKind { type(of: rule).kind }
    /// The field's current value as a researcher sees it.
    public var currentValue: JSONValue { rule.currentValue }
    /// The version of the current value, where the field has a single one.
    public var currentVersion: HLC? { rule.currentVersion }

    /// The merge of an operation on this field.
    func applying(_ operation: ChangeOperation, version: HLC, author: String) -> FieldState {
        rule.applying(operation, version: version, author: author).fieldState
    }

    /// The merge of the value given at creation.
    func created(_ value: JSONValue, version: HLC, author: String) -> FieldState {
        rule.created(value, version: version, author: author).fieldState
    }

    /// Writes the kind, then the rule's packed state.
    func pack(into writer: inout PackedWriter) {
        writer.string(kind.rawValue)
        rule.pack(into: &writer)
    }

    /// Reads what `pack(into:)` wrote.
    init(unpacking reader: inout PackedReader) throws {
        guard let kind = MergeKind(rawValue: try reader.string()) else { throw PackedError("a packed field has an unknown merge kind") }
        self = try kind.rule.init(unpacking: &reader).fieldState
    }

    /// The JSON form: `{"kind": …}` and the rule's own members.
    public var json: JSONValue {
        var object = rule.json
        object["kind"] = .string(kind.rawValue)
        return .object(object)
    }

    /// Reads the JSON form.
    public init(json: JSONValue) throws {
        guard var object = json.objectValue, let name = object.removeValue(forKey: "kind")?.stringValue,
              let kind = MergeKind(rawValue: name) else { throw StateJSONError("a field state has no known \"kind\"") }
        self = try kind.rule.init(json: object).fieldState
    }
}
