import DossierCore

/// What `dossier list` and `status` need of a record, kept in the replica's catalog so that they never unpack every
/// record: the values the filters read, the line a list prints, and the open conflicts.
public struct ListingEntry: Sendable, Equatable {
    /// The kind of record.
    public var entity: EntityKind
    /// The full id.
    public var id: String
    /// Created and not deleted.
    public var live: Bool
    /// Deleted.
    public var deleted: Bool
    /// How many open conflicts it has.
    public var conflicts: Int
    /// The date it is listed by: an incident's date, a quote's said_on, a source's published date, else its creation day.
    public var date: String?
    /// Its one-line label (`RecordView.label`).
    public var label: String
    /// When it was created (ISO 8601).
    public var createdAt: String?
    /// The killed range as a researcher reads it, for incidents with claims.
    public var killed: String?
    /// An incident's place.
    public var place: String?
    /// An incident's first-level region.
    public var admin1: String?
    /// An incident's event type.
    public var eventType: String?
    /// An incident's sub-event type.
    public var subEventType: String?
    /// An incident's review status.
    public var reviewStatus: String?
    /// Its tags.
    public var tags: [String]
    /// An incident's actors, as `ACTOR_ID:role`.
    public var actors: [String]
    /// The sources it cites (an incident's sources, a quote's source).
    public var sources: [String]
    /// An annotation's target.
    public var target: String?
    /// Every record id it refers to (targets, actors, sources, speakers, incidents, claims' sources): how `show` finds
    /// the records related to one without reading them all.
    public var refs: [String]

    /// The date a record is listed and filtered by.
    static func date(of fields: [String: JSONValue], createdAt: String?) -> String? {
        for name in ["date", "said_on", "published"] {
            if let text = fields[name]?.stringValue { return text }
        }
        return createdAt.map { String($0.prefix(10)) }
    }
}

extension ListingEntry {
    /// The entry of a record's view; `claimSources` are the sources its casualty claims cite.
    public init(_ view: RecordView, live: Bool, claimSources: [String] = []) {
        entity = view.entity
        id = view.id
        self.live = live
        deleted = view.deleted
        conflicts = view.conflicts.count
        date = Self.date(of: view.fields, createdAt: view.createdAt)
        label = view.label
        createdAt = view.createdAt
        killed = view.casualties["killed"]?.display
        place = view.fields["place"]?.stringValue
        admin1 = view.fields["admin1"]?.stringValue
        eventType = view.fields["event_type"]?.stringValue
        subEventType = view.fields["sub_event_type"]?.stringValue
        reviewStatus = view.fields["review_status"]?.stringValue
        tags = view.fields["tags"]?.arrayStrings ?? []
        actors = view.fields["actors"]?.arrayStrings ?? []
        sources = (view.fields["sources"]?.arrayStrings ?? []) + [view.fields["source"]?.stringValue].compactMap { $0 }
        target = view.fields["target"]?.stringValue
        let named = ["target", "source", "speaker"].compactMap { view.fields[$0]?.stringValue }
            + actors.map { String($0.prefix { $0 != ":" }) } + sources + (view.fields["incidents"]?.arrayStrings ?? []) + claimSources
        refs = Array(Set(named.filter(RecordID.isValid))).sorted()
    }
}
