import DossierCore

/// A team's merged records as the pages read them, loaded from the store's materialised state and kept until the
/// team's log moves (one load per new head, shared by every page and member).
actor TeamViews<Store: SyncStore> {
    let store: Store
    private var cached: [Int64: (head: Int64, dataset: Dataset)] = [:]

    init(store: Store) {
        self.store = store
    }

    /// The team's dataset as of its log's head.
    func dataset(team: Int64) async throws -> Dataset {
        let head = try await store.head(team: team)
        if let hit = cached[team], hit.head == head { return hit.dataset }
        var dataset = Dataset()
        var after: String?
        repeat {
            let page = try await store.snapshot(team: team, after: after, limit: 2_000)
            for record in try page.records { dataset.insert(record) }
            after = page.nextAfter
        } while after != nil
        cached[team] = (head, dataset)
        return dataset
    }

    /// The listing entries of a kind, through a filter.
    func entries(team: Int64, filter: RecordFilter) async throws -> (entries: [ListingEntry], dataset: Dataset) {
        let dataset = try await dataset(team: team)
        let all = dataset.records.values.filter { $0.key.entity == filter.entity }.map { state in
            ListingEntry(RecordView(state, in: dataset), live: state.creation != nil && !state.isDeleted)
        }
        return (filter.select(all), dataset)
    }
}
