/// The merged state of one record: its fields (each under its merge rule), its creation and its deletions.
///
/// Applying a change is pure, commutative, associative and idempotent: the state depends only on the
/// set of changes applied, never on their order, batching or repetition.
public struct RecordState: Hashable, Sendable, Codable {
    /// How the record came to be.
    public struct Creation: Hashable, Sendable, Codable {
        /// The creating change's version.
        public var version: HLC
        /// The creating user.
        public var author: String
    }

    /// A deletion (tombstone) and the versions its writer had seen.
    public struct Deletion: Hashable, Sendable, Codable {
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
                writeCreated(name, value, version: version, author: change.author)
            }
        case .set(let name, let value, let supersedes), .resolve(let name, let value, let supersedes):
            write(name, Write(value: value, version: version, author: change.author), supersedes: supersedes)
        case .add(let name, let element):
            update(name) { if case .set(let s) = $0 { $0 = .set(s.adding(element, tag: version)) } }
        case .remove(let name, let element, let tags):
            update(name) { if case .set(let s) = $0 { $0 = .set(s.removing(element, tags: tags)) } }
        case .addClaim(let claim):
            update("casualties") { if case .claims(let c) = $0 { $0 = .claims(c.adding(claim, id: version, author: change.author)) } }
        case .retractClaim(let id, let flag):
            let write = Write(value: .bool(flag), version: version, author: change.author)
            update("casualties") { if case .claims(let c) = $0 { $0 = .claims(c.retracting(id, write)) } }
        case .setMine(let name, let value):
            let write = Write(value: value, version: version, author: change.author)
            update(name) { if case .perAuthor(let m) = $0 { $0 = .perAuthor(m.merging(write)) } }
        case .delete(let supersedes):
            deletions[version] = Deletion(version: version, author: change.author, supersedes: supersedes)
            return
        case .restore(let supersedes):
            restored.formUnion(supersedes)
        }
        edits[version] = change.author
    }

    private mutating func writeCreated(_ name: String, _ value: JSONValue, version: HLC, author: String) {
        guard let spec = FieldRules.field(name, of: key.entity) else { return }
        switch spec.merge {
        case .set:
            guard case .array(let elements) = value else { return }
            for element in elements.compactMap(\.stringValue) {
                update(name) { if case .set(let s) = $0 { $0 = .set(s.adding(element, tag: version)) } }
            }
        case .perAuthor:
            let write = Write(value: value, version: version, author: author)
            update(name) { if case .perAuthor(let m) = $0 { $0 = .perAuthor(m.merging(write)) } }
        case .immutable:
            let write = Write(value: value, version: version, author: author)
            update(name) { if case .immutable(let r) = $0 { $0 = .immutable(r.merging(write)) } }
        case .lww, .contested:
            write(name, Write(value: value, version: version, author: author), supersedes: [])
        case .claims:
            return
        }
    }

    /// A later `set` of an immutable field is ignored here; validation rejects it before it is stored.
    private mutating func write(_ name: String, _ write: Write, supersedes: Set<HLC>) {
        update(name) { state in
            switch state {
            case .lww(let register): state = .lww(register.merging(write))
            case .contested(let register): state = .contested(register.merging(write, supersedes: supersedes))
            default: break
            }
        }
    }

    private mutating func update(_ name: String, _ body: (inout FieldState) -> Void) {
        guard let spec = FieldRules.field(name, of: key.entity) else { return }
        var state = fields[name] ?? .empty(spec.merge)
        body(&state)
        fields[name] = state
    }
}
