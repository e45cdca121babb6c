/// Deletion against concurrent edits: an edit the deleter had not seen wins, and the record stays
/// with a conflict open; a deletion that had seen every edit deletes.
extension RecordState {
    /// Where a record stands with respect to deletion.
    public enum DeletionStatus: Hashable, Sendable {
        /// Not deleted.
        case alive
        /// Deleted by a deletion that had seen every edit.
        case deleted(by: Deletion)
        /// Deleted while someone edited: kept, with a conflict listing both sides.
        case contested(deletions: [Deletion], edits: [Write])
    }

    /// The deletions no restore has superseded, latest first.
    public var liveDeletions: [Deletion] {
        deletions.values.filter { !restored.contains($0.version) }.sorted { $0.version > $1.version }
    }

    /// The record's deletion status, derived from its edits and deletions.
    public var deletionStatus: DeletionStatus {
        let live = liveDeletions
        guard let latest = live.first else { return .alive }
        let editVersions = Set(edits.keys)
        if let covering = live.first(where: { editVersions.isSubset(of: $0.supersedes) }) {
            return .deleted(by: covering)
        }
        let unseen = edits.filter { !latest.supersedes.contains($0.key) }
            .map { Write(value: .string("edited"), version: $0.key, author: $0.value) }
            .sorted { $0.version > $1.version }
        return .contested(deletions: live, edits: unseen)
    }

    /// True when the record is deleted.
    public var isDeleted: Bool {
        if case .deleted = deletionStatus { return true }
        return false
    }

    /// Every version a writer who deletes now has seen: all edits and deletions.
    public var allVersions: Set<HLC> { Set(edits.keys).union(deletions.keys) }
}
