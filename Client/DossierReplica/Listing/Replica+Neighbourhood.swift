import DossierCore

extension Replica {
    /// The records `show` needs around one, read without unpacking the others: the record, the records it refers to,
    /// and those that refer to it (found through the catalog), with the short ids of every record.
    public func neighbourhood(of key: RecordKey) throws -> (dataset: Dataset, short: ShortID) {
        refreshCatalog()
        return try database.read { store in
            var dataset = Dataset()
            if let state = try store.state(of: key) {
                dataset.insert(state)
                let entry = ListingEntry(RecordView(state, in: Dataset()), live: true, claimSources: state.claimLines.map(\.claim.source))
                for id in entry.refs { for found in try store.states(withID: id) { dataset.insert(found) } }
                for referrer in try store.keys(referring: key.id) {
                    if let found = try store.state(of: referrer) { dataset.insert(found) }
                }
            }
            return (dataset, ShortID(try store.recordIDs()))
        }
    }
}
