import DossierCore

extension Replica {
    /// The records a filter selects, as views, with the short ids to print them by.
    public func list(_ filter: RecordFilter) throws -> (views: [RecordView], short: ShortID) {
        let dataset = try dataset()
        let views = dataset.records.values.filter { $0.key.entity == filter.entity }.map { RecordView($0, in: dataset) }
        return (filter.select(views), ShortID(dataset.records.keys.map(\.id)))
    }
}
