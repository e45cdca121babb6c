import DossierCore

extension Replica {
    /// The records a filter selects, from the catalog (only records changed since the last list are unpacked), with the
    /// short ids to print them by and whether each annotation's target is gone. An entry carries what a list prints and
    /// what the filter read; the rest may be empty (`views(of:)` gives whole records).
    public func list(_ filter: RecordFilter) throws -> (entries: [ListingEntry], orphans: Set<String>, short: ShortID) {
        refreshCatalog()
        return try database.read { store in
            let entries = filter.select(try store.catalog(of: filter.entity, reading: filter.columns))
            let live = entries.contains { $0.target != nil } ? try store.liveIDs() : []
            let orphans = Set(entries.filter { entry in entry.target.map { !live.contains($0) } ?? false }.map(\.id))
            return (entries, orphans, ShortID(try store.recordIDs()))
        }
    }

    /// The full views of some records (for `list --json`), in the order given.
    public func views(of keys: [RecordKey]) throws -> [RecordView] {
        try database.read { store in
            var dataset = Dataset()
            for key in keys { if let state = try store.state(of: key) { dataset.insert(state) } }
            for state in dataset.records.values {
                guard let target = state.fields["target"]?.currentValue.stringValue else { continue }
                for found in try store.states(withID: target) { dataset.insert(found) }
            }
            return keys.compactMap { key in dataset[key].map { RecordView($0, in: dataset) } }
        }
    }

    /// Catalogs the records changed since the last list, when the file can be written; a read command never fails for it
    /// (on a full disk or a read-only file the entries are computed on the fly instead). With nothing queued it writes nothing,
    /// so a read command leaves the file as it was (and its integrity stamp valid).
    func refreshCatalog() {
        guard (try? database.read { store in try store.catalogIsStale() }) ?? true else { return }
        _ = try? database.write { store in try store.refreshCatalog() }
    }

    /// The short ids of this replica's records, without reading them.
    public func shortIDs() throws -> ShortID {
        try database.read { store in ShortID(try store.recordIDs()) }
    }
}
