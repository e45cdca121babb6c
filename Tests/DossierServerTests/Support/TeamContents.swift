import DossierCore
import DossierServer

/// A team's part of the store, read straight from the store: its head, its whole log and its merged records.
struct TeamContents: Equatable, Sendable {
    /// The latest log position.
    var head: Int64
    /// Every change in log order.
    var changes: [Change]
    /// Every merged record, as canonical JSON, in key order.
    var records: [String]

    /// Reads a team's contents, page by page.
    static func read(_ store: any SyncStore, team: Int64) async throws -> TeamContents {
        var changes: [Change] = []
        var cursor: Int64 = 0
        while true {
            let page = try await store.pull(team: team, after: cursor, limit: 1_000)
            changes += page.changes
            cursor = page.next
            if !page.more { break }
        }
        var records: [String] = []
        var after: String?
        repeat {
            let page = try await store.snapshot(team: team, after: after, limit: 1_000)
            records += try page.records.map { String(decoding: CanonicalJSON.encode($0), as: UTF8.self) }
            after = page.nextAfter
        } while after != nil
        return TeamContents(head: try await store.head(team: team), changes: changes, records: records)
    }
}
