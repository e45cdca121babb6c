/// The behaviour of one merge kind, in one type and one file: its empty state, the operations it accepts
/// and their validation, how they merge, the value shown, its open conflict, and its packed and JSON forms.
///
/// `FieldRules` says which rule each field uses; `FieldState` holds one rule's state per field.
public protocol MergeRule: Hashable, Sendable {
    /// The kind's name in `FieldRules`, the packed form and the JSON form.
    static var kind: MergeKind { get }
    /// An empty field.
    init()
    /// Checks a value given when the record is created (never `null`: absent values are checked by the caller).
    static func validateCreated(_ value: JSONValue, spec: FieldSpec) throws
    /// Checks an operation that names a field of this kind; throws for an operation the kind does not take.
    static func validate(_ operation: ChangeOperation, spec: FieldSpec) throws
    /// The merge of the value given at creation.
    func created(_ value: JSONValue, version: HLC, author: String) -> Self
    /// The merge of an operation (one the kind does not take leaves the state as it is).
    func applying(_ operation: ChangeOperation, version: HLC, author: String) -> Self
    /// The value a researcher sees.
    var currentValue: JSONValue { get }
    /// The version of the current value, where the field has a single one.
    var currentVersion: HLC? { get }
    /// The versions a writer who sets the whole field now has seen.
    var seenVersions: Set<HLC> { get }
    /// The candidates of an open conflict, the one shown first; empty when there is none.
    var conflictCandidates: [Write] { get }
    /// The state in the stores' packed form.
    func pack(into writer: inout PackedWriter)
    /// Reads the packed form.
    init(unpacking reader: inout PackedReader) throws
    /// The state's JSON form (the snapshot's), without the kind.
    var json: [String: JSONValue] { get }
    /// Reads the JSON form.
    init(json: [String: JSONValue]) throws
    /// The state wrapped as a field's state.
    var fieldState: FieldState { get }
}

extension MergeRule {
    /// Most kinds have no single version.
    public var currentVersion: HLC? { nil }
    /// Most kinds are not set whole.
    public var seenVersions: Set<HLC> { [] }
    /// Most kinds never conflict.
    public var conflictCandidates: [Write] { [] }

    /// The refusal of an operation this kind does not take.
    static func refuse(_ operation: ChangeOperation, spec: FieldSpec, _ rule: String? = nil) -> ValidationError {
        let standard = switch operation {
        case .set, .resolve: "is a \(kind.rawValue) field and cannot be set whole"
        case .add, .remove: "is not a set"
        case .setMine: "is not a per-author field"
        case .addClaim, .retractClaim: "does not hold claims"
        case .create, .delete, .restore: "is a \(kind.rawValue) field; '\(operation.name)' does not apply to it"
        }
        return ValidationError(field: spec.name, rule: rule ?? standard)
    }
}

/// A kind whose value is set whole (`set` and `resolve`): `lww` and `contested` take and check the same operations.
public protocol WholeValueRule: MergeRule {}

extension WholeValueRule {
    public static func validateCreated(_ value: JSONValue, spec: FieldSpec) throws {
        try Validator.check(value, as: spec.type, field: spec.name)
    }

    public static func validate(_ operation: ChangeOperation, spec: FieldSpec) throws {
        switch operation {
        case .set(_, let value, _), .resolve(_, let value, _): try Validator.checkWhole(value, spec: spec)
        default: throw refuse(operation, spec: spec)
        }
    }
}
