import DossierCore

/// One search result.
public struct SearchHit: Sendable, Codable, Equatable {
    /// The record's kind.
    public var entity: EntityKind
    /// The record's id.
    public var id: String
    /// The stored text around the first match, the matches in [brackets].
    public var snippet: String
}

/// One page of search results, best first, with how many records match in all.
public struct SearchResults: Sendable, Codable, Equatable {
    /// How many records match (of the kind asked for), whatever the page.
    public var total: Int
    /// How many of the best matches were skipped before this page.
    public var offset: Int
    /// The most hits a page holds.
    public var limit: Int
    /// This page's hits.
    public var hits: [SearchHit]
}
