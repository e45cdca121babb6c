/// The merged state of one record: its fields (each under its merge rule), its creation and its deletions.
///
/// Applying a change is pure, commutative, associative and idempotent: the state depends only on the
/// set of changes applied, never on their order, batching or repetition.
public struct RecordState: Hashable, Sendable {
    /// How the record came to be.
    public struct Creation: Hashable, Sendable {
        /// The creating change's version.
        public var version: HLC
        /// The creating user.
        public var author: String
    }

    /// A deletion (tombstone) and the versions its writer had seen.
    public struct Deletion: Hashable, Sendable {
        /// The deleting change's version.
        public var version: HLC
        /// The deleting user.
        public var author: String
        /// Every version of the record the deleter had seen.
        public var supersedes: Set<HLC>
    }

    /// The record's identity.
    public let key: RecordKey
    /// The earliest creation, once it has arrived.
    public internal(set) var creation: Creation?
    /// Field states by field name.
    public internal(set) var fields: [String: FieldState] = [:]
    /// The version and author of every change that is not a deletion.
    public internal(set) var edits: [HLC: String] = [:]
    /// Deletions by version.
    public internal(set) var deletions: [HLC: Deletion] = [:]
    /// Deletions a restore has superseded.
    public internal(set) var restored: Set<HLC> = []

    /// An empty record.
    public init(key: RecordKey) { self.key = key }

    /// The merge of one change into the record (a change for another record leaves it as it is).
    public func applying(_ change: Change) -> RecordState {
        guard change.key == key else { return self }
        var next = self
        next.apply(change)
        return next
    }

    private mutating func apply(_ change: Change) {
        let version = change.version
        switch change.operation {
        case .create(let values):
            if creation == nil || version < creation!.version {
                creation = Creation(version: version, author: change.author)
            }
            for (name, value) in values.sorted(by: { $0.key < $1.key }) {
                update(name) { $0.created(value, version: version, author: change.author) }
            }
        case .delete(let supersedes):
            deletions[version] = Deletion(version: version, author: change.author, supersedes: supersedes)
            return
        case .restore(let supersedes):
            restored.formUnion(supersedes)
        default:
            if let name = change.operation.field {
                update(name) { $0.applying(change.operation, version: version, author: change.author) }
            }
        }
        edits[version] = change.author
    }

    /// An unknown field is ignored here; validation refuses it before it is stored.
    private mutating func update(_ name: String, _ body: (FieldState) -> FieldState) {
        guard let spec = FieldRules.field(name, of: key.entity) else { return }
        fields[name] = body(fields[name] ?? .empty(spec.merge))
    }
}
