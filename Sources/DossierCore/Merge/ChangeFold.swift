/// The fold of a batch of changes onto the merged states of the records they touch, written once for the
/// server's push and the replica's merge: each change not yet known is applied once, in the order given.
public struct ChangeFold: Sendable {
    /// What the fold did with one change.
    public enum Outcome: Sendable, Equatable {
        /// New: applied, at this position of the batch's new changes.
        case applied(Int)
        /// Known with the same content (or, where content is not compared, known by id).
        case alreadyHad
        /// Known with different content under the same id.
        case idReused
    }

    /// The changes applied, in order, with their canonical bodies.
    public private(set) var applied: [(change: Change, body: String)] = []
    /// The merged state of every record a new change touched.
    public private(set) var changed: [RecordKey: RecordState] = [:]
    /// The latest version among the new changes.
    public private(set) var latest: HLC?
    private var bodies: [String: String]
    private let knownIDs: Set<String>
    private var states: [RecordKey: RecordState]

    /// A fold over the states the store holds (`current`, absent when new) and the changes it already has: by body where
    /// a retry's content must be compared (`storedBodies`, the server), or by id alone (`knownIDs`, a replica).
    public init(current: [RecordKey: RecordState], storedBodies: [String: String] = [:], knownIDs: Set<String> = []) {
        states = current
        bodies = storedBodies
        self.knownIDs = knownIDs
    }

    /// Folds one change; returns what became of it.
    @discardableResult
    public mutating func fold(_ change: Change, body: String) -> Outcome {
        let id = change.id.description
        if let existing = bodies[id] { return existing == body ? .alreadyHad : .idReused }
        if knownIDs.contains(id) { return .alreadyHad }
        bodies[id] = body
        let key = change.key
        let next = (states[key] ?? RecordState(key: key)).applying(change)
        states[key] = next
        changed[key] = next
        if latest.map({ change.version > $0 }) ?? true { latest = change.version }
        applied.append((change, body))
        return .applied(applied.count - 1)
    }

    /// The distinct record keys of a batch, sorted (to load their states before folding).
    public static func keys(of changes: [Change]) -> [RecordKey] {
        Array(Set(changes.map(\.key))).sorted()
    }
}
