import DossierCore
import DossierTrust
import HTTPTypes
import Hummingbird

/// The team log's hashes under `/v1/log` (SPEC §8.2): what a replica compares with its own to name the entry where the
/// server's history stopped matching the one it verified.
struct LogController<Store: SyncStore> {
    let store: Store

    /// The most hashes one request returns.
    static var maxLimit: Int { 10_000 }

    /// Adds the routes to a group that authenticates first.
    func addRoutes(to group: RouterGroup<DossierRequestContext>) {
        group.get("log/hashes", use: hashes)
    }

    @Sendable func hashes(_ request: Request, context: DossierRequestContext) async throws -> Response {
        let member = try context.requireMember()
        let after = try SyncController<Store>.cursor(request, name: "after") ?? 0
        let limit = try SyncController<Store>.limit(request, maximum: Self.maxLimit, default: 1_000)
        let entries = try await guarded(context) { try await store.entryHashes(team: member.teamID, after: after, limit: limit) }
        return Wire.json(LogHashesReply(entries: entries), for: request)
    }
}

/// Signs the team log's checkpoints with the server's identity key, as the `Dossier-Checkpoint` headers carry them.
struct CheckpointSigner<Store: SyncStore>: Sendable {
    let store: Store
    let settings: ServerSettings
    let identity: IdentityCache

    /// The signed checkpoint of the member's team log after entry `size`, as a header value.
    func header(_ member: Member, at size: Int64, context: DossierRequestContext) async throws -> String {
        try await guarded(context) {
            let head = try await store.chainHash(team: member.teamID, at: size)
            return try Checkpoint(team: member.team, size: size, head: head, signedAt: StoreClock.text(settings.clock()))
                .signed(by: try await identity.identity()).headerValue
        }
    }
}

extension HTTPField.Name {
    /// The signed checkpoint where a pull page, a snapshot page or the status ends.
    static var dossierCheckpoint: Self { Self(Checkpoint.headerName)! }
    /// The signed checkpoint at the size a replica holds (`GET /v1/status?held=N`).
    static var dossierHeldCheckpoint: Self { Self(Checkpoint.heldHeaderName)! }
}
