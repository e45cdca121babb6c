import DossierCore
import Foundation

/// A page of a team's change log as stored: each change's canonical JSON body, served as is.
///
/// Pull is the hottest read, so the server never decodes a stored change only to encode it again.
public struct LogPage: Sendable, Equatable {
    /// The stored bodies, oldest first.
    public var bodies: [String]
    /// The cursor to pass as `after` next time.
    public var next: Int64
    /// True when more changes are waiting past `next`.
    public var more: Bool

    /// Creates a page.
    public init(bodies: [String], next: Int64, more: Bool) {
        self.bodies = bodies
        self.next = next
        self.more = more
    }

    /// The page as `GET /v1/changes` sends it: the `PullPage` JSON object, with the stored bodies spliced in.
    public var json: [UInt8] { PullPage.json(splicing: bodies, next: next, more: more) }

    /// The page with its changes decoded.
    func decoded() throws -> PullPage {
        let decoder = JSONDecoder()
        return PullPage(changes: try bodies.map { try decoder.decode(Change.self, from: Data($0.utf8)) }, next: next, more: more)
    }
}

extension SyncStore {
    /// The changes after a cursor, decoded (for tests and tools; the server sends `log` as stored).
    func pull(team: Int64, after: Int64, limit: Int) async throws -> PullPage {
        try await log(team: team, after: after, limit: limit).decoded()
    }
}
