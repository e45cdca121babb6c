import DossierCore
import DossierServer

extension SyncStore {
    /// Stores a batch of validated changes for a team, encoding their canonical bodies first (as the push endpoint does).
    func push(_ changes: [Change], team: Int64, receivedAt: Int64) async throws -> [PushOutcome] {
        try await push(await EncodedChanges.encode(changes), team: team, receivedAt: receivedAt)
    }

    /// The changes after a cursor, decoded.
    func pull(team: Int64, after: Int64, limit: Int) async throws -> (changes: [Change], next: Int64, more: Bool) {
        let page = try await log(team: team, after: after, limit: limit)
        return (try page.changes, page.next, page.more)
    }
}
