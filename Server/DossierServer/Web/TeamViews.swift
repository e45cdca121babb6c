import DossierCore

/// A team's merged records as the pages read them: the dataset and each record's listing entry, loaded once from the
/// store's materialised state and then kept up to date with only the records changed since (`records_by_update`), so a
/// page at 50,000 incidents does not unpack them all again.
actor TeamViews<Store: SyncStore> {
    /// One team's records at a log position.
    struct Snapshot: Sendable {
        /// The log position they include.
        var head: Int64
        /// The merged records.
        var dataset: Dataset
        /// Each record's listing entry, by kind and id.
        var entries: [EntityKind: [String: ListingEntry]]
    }

    let store: Store
    private var cached: [Int64: Snapshot] = [:]

    init(store: Store) {
        self.store = store
    }

    /// The team's records as of its log's head.
    func snapshot(team: Int64) async throws -> Snapshot {
        let head = try await store.head(team: team)
        if var hit = cached[team] {
            guard hit.head != head else { return hit }
            let changed = try await store.records(team: team, updatedAfter: hit.head).map(RecordState.init(packed:))
            for state in changed { hit.dataset.insert(state) }
            for state in changed { hit.entries[state.key.entity, default: [:]][state.key.id] = Self.entry(state, in: hit.dataset) }
            hit.head = head
            cached[team] = hit
            return hit
        }
        var dataset = Dataset()
        var after: String?
        repeat {
            let page = try await store.snapshot(team: team, after: after, limit: 5_000)
            for record in try page.records { dataset.insert(record) }
            after = page.nextAfter
        } while after != nil
        var entries: [EntityKind: [String: ListingEntry]] = [:]
        for state in dataset.records.values { entries[state.key.entity, default: [:]][state.key.id] = Self.entry(state, in: dataset) }
        let snapshot = Snapshot(head: head, dataset: dataset, entries: entries)
        cached[team] = snapshot
        return snapshot
    }

    /// The team's dataset as of its log's head.
    func dataset(team: Int64) async throws -> Dataset {
        try await snapshot(team: team).dataset
    }

    /// The listing entries of a kind, through a filter.
    func entries(team: Int64, filter: RecordFilter) async throws -> (entries: [ListingEntry], dataset: Dataset) {
        let snapshot = try await snapshot(team: team)
        return (filter.select(Array((snapshot.entries[filter.entity] ?? [:]).values)), snapshot.dataset)
    }

    private static func entry(_ state: RecordState, in dataset: Dataset) -> ListingEntry {
        ListingEntry(RecordView(state, in: dataset), live: state.creation != nil && !state.isDeleted)
    }
}
