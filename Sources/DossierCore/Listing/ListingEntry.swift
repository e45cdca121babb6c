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
    /// The date it is listed by: an incident's date, a quote's said_on, a source's published date, evidence's capture day, else its creation day.
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
    public var tagList: JoinedValues
    /// An incident's actors, as `ACTOR_ID:role`.
    public var actorList: JoinedValues
    /// The sources it cites (an incident's sources, a quote's source).
    public var sourceList: JoinedValues
    /// An annotation's target.
    public var target: String?
    /// Every record id it refers to (targets, actors, sources, speakers, incidents, claims' sources): how `show` finds
    /// the records related to one without reading them all.
    public var refList: JoinedValues

    /// An entry with every value given (as a catalog row holds them).
    public init(entity: EntityKind, id: String, live: Bool, deleted: Bool, conflicts: Int, date: String?, label: String,
                createdAt: String?, killed: String?, place: String?, admin1: String?, eventType: String?, subEventType: String?,
                reviewStatus: String?, tagList: JoinedValues, actorList: JoinedValues, sourceList: JoinedValues, target: String?,
                refList: JoinedValues) {
        (self.entity, self.id, self.live, self.deleted, self.conflicts, self.date, self.label) = (entity, id, live, deleted, conflicts, date, label)
        (self.createdAt, self.killed, self.place, self.admin1, self.eventType, self.subEventType) = (createdAt, killed, place, admin1, eventType, subEventType)
        (self.reviewStatus, self.tagList, self.actorList, self.sourceList, self.target, self.refList) =
            (reviewStatus, tagList, actorList, sourceList, target, refList)
    }

    /// Its tags.
    public var tags: [String] { tagList.values }
    /// An incident's actors, as `ACTOR_ID:role`.
    public var actors: [String] { actorList.values }
    /// The sources it cites.
    public var sources: [String] { sourceList.values }
    /// Every record id it refers to.
    public var refs: [String] { refList.values }

    /// The date a record is listed and filtered by.
    static func date(of fields: [String: JSONValue], createdAt: String?) -> String? {
        for name in ["date", "said_on", "published"] {
            if let text = fields[name]?.stringValue { return text }
        }
        if let captured = fields["captured_at"]?.stringValue { return String(captured.prefix(10)) } // a moment's day
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
        tagList = JoinedValues(view.fields["tags"]?.arrayStrings ?? [])
        let actors = view.fields["actors"]?.arrayStrings ?? []
        actorList = JoinedValues(actors)
        let sources = (view.fields["sources"]?.arrayStrings ?? []) + [view.fields["source"]?.stringValue].compactMap { $0 }
        sourceList = JoinedValues(sources)
        target = view.fields["target"]?.stringValue
        let named = ["target", "source", "speaker", "evidence"].compactMap { view.fields[$0]?.stringValue }
            + actors.map { String($0.prefix { $0 != ":" }) } + sources + (view.fields["incidents"]?.arrayStrings ?? [])
            + (view.fields["targets"]?.arrayStrings ?? []) + claimSources
        refList = JoinedValues(Array(Set(named.filter(RecordID.isValid))).sorted())
    }
}

/// A list of values kept as one string joined by the unit separator (U+001F), as the catalog stores it, and split only
/// when read: a list runs over every record, and most of its filters never look at these.
public struct JoinedValues: Sendable, Equatable {
    /// The values joined by U+001F ("" for none).
    public let text: String

    /// The list of `values` (none contains U+001F: tags, ids and roles).
    public init(_ values: [String]) { text = values.joined(separator: "\u{1F}") }

    /// A list as the catalog stored it.
    public init(joined text: String) { self.text = text }

    /// The values, in order.
    public var values: [String] {
        // Split as bytes: the separator is one byte in UTF-8, and a split by Character walks grapheme clusters.
        text.isEmpty ? [] : text.utf8.split(separator: 0x1F, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }
}
