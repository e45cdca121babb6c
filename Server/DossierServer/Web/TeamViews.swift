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
        /// What the map and the timeline read of each live incident, by id.
        var incidents: [String: IncidentFacts]
    }

    /// What the map and the timeline read of a live incident.
    struct IncidentFacts: Sendable {
        /// Its label.
        var label: String
        /// Its date, if any.
        var date: String?
        /// Its event type.
        var eventType: String?
        /// Its killed range, when it has claims.
        var killed: (low: Int64, high: Int64)?
        /// Its coordinates, when it has them.
        var location: (lat: Double, lon: Double)?
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
            for state in changed { Self.note(state, in: hit.dataset, into: &hit) }
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
        var snapshot = Snapshot(head: head, dataset: dataset, entries: [:], incidents: [:])
        for state in dataset.records.values { Self.note(state, in: dataset, into: &snapshot) }
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

    /// Keeps a record's entry (and, for a live incident, its facts) from one view of it.
    private static func note(_ state: RecordState, in dataset: Dataset, into snapshot: inout Snapshot) {
        let view = RecordView(state, in: dataset)
        let live = state.creation != nil && !state.isDeleted
        snapshot.entries[state.key.entity, default: [:]][state.key.id] = ListingEntry(view, live: live)
        guard state.key.entity == .incident else { return }
        guard live else { return snapshot.incidents[state.key.id] = nil }
        var location: (lat: Double, lon: Double)?
        if case .object(let point)? = view.fields["location"], let lat = point["lat"]?.doubleValue, let lon = point["lon"]?.doubleValue {
            location = (lat, lon)
        }
        snapshot.incidents[state.key.id] = IncidentFacts(label: view.label, date: view.fields["date"]?.stringValue,
                                                         eventType: view.fields["event_type"]?.stringValue,
                                                         killed: view.casualties["killed"].map { ($0.low, $0.high) }, location: location)
    }
}
