import Foundation

/// Which records of a kind `dossier list` shows, in what order and how many: every decision of the command's filters.
public struct RecordFilter: Sendable {
    /// The kind listed.
    public var entity: EntityKind
    /// Show deleted records too.
    public var includeDeleted = false
    /// Only records with this tag (case and accents ignored).
    public var tag: String?
    /// Only records whose date reaches on or after this one (a partial date overlaps: 2022-08 is on or after 2022-08-06).
    public var since: PartialDate?
    /// Only records whose date reaches on or before this one.
    public var until: PartialDate?
    /// Only incidents whose place or admin1 contains this text (case and accents ignored).
    public var place: String?
    /// Only incidents naming this actor (full id).
    public var actor: String?
    /// Only incidents citing this source, or quotes from it (full id).
    public var source: String?
    /// Only incidents of this event type or sub-event type (case ignored).
    public var eventType: String?
    /// Only incidents with this review status (case ignored).
    public var status: String?
    /// The order.
    public var order: ListOrder = .date
    /// Newest (or last) first.
    public var reverse = false
    /// At most this many.
    public var limit: Int?

    /// A filter that keeps every live record of a kind, by date.
    public init(entity: EntityKind) {
        self.entity = entity
    }

    /// The entries that pass, sorted, cut to the limit.
    public func select(_ entries: [ListingEntry]) -> [ListingEntry] {
        // Sorting positions by precomputed keys, copying each entry once: an entry is a large value, and lists run over every record.
        let kept = entries.indices.filter { matches(entries[$0]) }
        let keys = kept.map { (sortKey(entries[$0]), entries[$0].id) }
        var order = Array(kept.indices)
        order.sort { reverse ? keys[$1] < keys[$0] : keys[$0] < keys[$1] }
        if let limit, order.count > limit { order.removeSubrange(limit...) }
        return order.map { entries[kept[$0]] }
    }

    /// Whether one record passes every filter given.
    public func matches(_ entry: ListingEntry) -> Bool {
        guard entry.entity == entity, includeDeleted || !entry.deleted else { return false }
        if let tag, !entry.tags.contains(where: { Self.same($0, tag) }) { return false }
        if since != nil || until != nil {
            guard let date = entry.date.flatMap(PartialDate.init), date.overlaps(from: since, to: until) else { return false }
        }
        if let place, ![entry.place, entry.admin1].contains(where: { Self.contains($0, place) }) { return false }
        if let actor, !entry.actors.contains(where: { $0.hasPrefix(actor + ":") }) { return false }
        if let source, !entry.sources.contains(source) { return false }
        if let eventType, ![entry.eventType, entry.subEventType].contains(where: { Self.same($0, eventType) }) { return false }
        if let status, !Self.same(entry.reviewStatus, status) { return false }
        return true
    }

    private func sortKey(_ entry: ListingEntry) -> String {
        switch order {
        case .date: entry.date ?? ""
        case .title: entry.label.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        case .created: entry.createdAt ?? ""
        }
    }

    private static func same(_ value: String?, _ wanted: String) -> Bool {
        guard let value else { return false }
        if let bytes = asciiLowercased(value), let wanted = asciiLowercased(wanted) { return bytes == wanted }
        return value.compare(wanted, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame
    }

    private static func contains(_ value: String?, _ wanted: String) -> Bool {
        guard let value else { return false }
        if let bytes = asciiLowercased(value), let wanted = asciiLowercased(wanted) {
            guard bytes.count >= wanted.count else { return false }
            return (0...(bytes.count - wanted.count)).contains { bytes[$0..<$0 + wanted.count].elementsEqual(wanted) }
        }
        return value.range(of: wanted, options: [.caseInsensitive, .diacriticInsensitive]) != nil
    }

    // ASCII text (most tags, places and types) folds by lowercasing its bytes, without Foundation's slower comparison.
    private static func asciiLowercased(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            guard byte < 0x80 else { return nil }
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
        return bytes
    }
}

/// How `dossier list` sorts.
public enum ListOrder: String, Sendable, CaseIterable {
    /// By the record's date (see `ListingEntry.date`), then id.
    case date
    /// By title, name, text or body.
    case title
    /// By when the record was created.
    case created
}
