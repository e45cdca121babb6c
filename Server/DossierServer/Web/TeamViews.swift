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
        /// Each kind's entries in the lists' default order (date, then id), made when first asked for at this head.
        var byDate: [EntityKind: [ListingEntry]] = [:]
    }

    /// What the map and the timeline read of a live incident.
    struct IncidentFacts: Sendable {
        /// Its label.
        var label: String
        /// The Monday (UTC) of the week of its date's first day, if it has a date.
        var week: String?
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
            hit.byDate = [:]
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

    /// The listing entries of a kind, through a filter. In the default order the entries sorted once at this head are
    /// filtered as they stand, so a page does not sort every record again.
    func entries(team: Int64, filter: RecordFilter) async throws -> (entries: [ListingEntry], dataset: Dataset) {
        var snapshot = try await snapshot(team: team)
        guard filter.order == .date, !filter.reverse else {
            return (filter.select(Array((snapshot.entries[filter.entity] ?? [:]).values)), snapshot.dataset)
        }
        let sorted: [ListingEntry]
        if let made = snapshot.byDate[filter.entity] {
            sorted = made
        } else {
            var all = RecordFilter(entity: filter.entity)
            all.includeDeleted = true
            sorted = all.select(Array((snapshot.entries[filter.entity] ?? [:]).values))
            snapshot.byDate[filter.entity] = sorted
            cached[team] = snapshot
        }
        let kept = sorted.lazy.filter(filter.matches)
        return (filter.limit.map { Array(kept.prefix($0)) } ?? Array(kept), snapshot.dataset)
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
        let week = view.fields["date"]?.stringValue.flatMap(PartialDate.init).flatMap { WebCalendar.weekStart(of: $0.earliest) }
        snapshot.incidents[state.key.id] = IncidentFacts(label: view.label, week: week,
                                                         eventType: view.fields["event_type"]?.stringValue,
                                                         killed: view.casualties["killed"].map { ($0.low, $0.high) }, location: location)
    }
}
