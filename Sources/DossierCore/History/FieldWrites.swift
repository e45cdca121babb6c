/// The whole-value writes of one record's fields (values given at creation, `set`, `resolve`) and the versions each
/// write names as seen: what history needs to say what an author had seen and which writes were concurrent.
struct FieldWrites {
    /// One write of a field.
    struct Node {
        /// The change that wrote it.
        var change: Change
        /// The value written.
        var value: JSONValue
        /// The versions of the field the writer had seen.
        var seen: Set<HLC>
    }

    /// The writes of each field, by version.
    private var writes: [String: [HLC: Node]] = [:]
    /// The fields merged `lww`, whose writers see only the winner.
    private let lastWriterWins: Set<String>

    /// The writes among a record's changes.
    init(_ changes: [Change], entity: EntityKind) {
        let whole = FieldRules.fields(of: entity).filter { $0.merge == .lww || $0.merge == .contested }
        lastWriterWins = Set(whole.filter { $0.merge == .lww }.map(\.name))
        let names = Set(whole.map(\.name))
        for change in changes {
            switch change.operation {
            case .create(let fields):
                for (field, value) in fields where names.contains(field) {
                    writes[field, default: [:]][change.version] = Node(change: change, value: value, seen: [])
                }
            case .set(let field, let value, let seen), .resolve(let field, let value, let seen):
                writes[field, default: [:]][change.version] = Node(change: change, value: value, seen: seen)
            default: break
            }
        }
    }

    /// For `set` and `resolve`: the values at the versions the change names as seen, oldest first.
    func seen(by change: Change) -> [JSONValue]? {
        switch change.operation {
        case .set(let field, _, let seen), .resolve(let field, _, let seen):
            let nodes = writes[field] ?? [:]
            return seen.sorted().compactMap { nodes[$0]?.value }
        default: return nil
        }
    }

    /// The writes of the change's field that it had not seen, even through what it saw, and that had not seen it.
    ///
    /// An `lww` writer sees only the winner, so a write that had lost to what it saw may still have been on its
    /// screen's replica: such a write counts as concurrent only when it is later than everything the writer saw.
    func concurrent(with change: Change) -> [RecordHistory.Concurrent] {
        guard let field = change.operation.field, let nodes = writes[field], nodes[change.version] != nil else { return [] }
        let mine = ancestors(of: change.version, in: nodes)
        let lww = lastWriterWins.contains(field)
        return nodes.values.filter { other in
            guard other.change.version != change.version, !mine.contains(other.change.version) else { return false }
            let theirs = ancestors(of: other.change.version, in: nodes)
            guard !theirs.contains(change.version) else { return false }
            guard lww else { return true }
            return mine.allSatisfy { $0 < other.change.version } && theirs.allSatisfy { $0 < change.version }
        }
        .sorted { $0.change.version < $1.change.version }
        .map { RecordHistory.Concurrent(change: $0.change.id, version: $0.change.version, author: $0.change.author) }
    }

    /// Every version a write saw, directly or through the writes it saw.
    private func ancestors(of version: HLC, in nodes: [HLC: Node]) -> Set<HLC> {
        var found = Set<HLC>()
        var pending = Array(nodes[version]?.seen ?? [])
        while let next = pending.popLast() {
            guard found.insert(next).inserted else { continue }
            pending += nodes[next]?.seen ?? []
        }
        return found
    }
}
