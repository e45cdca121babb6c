import DossierCore
import DossierTrust
import HTTPTypes
import Hummingbird
import Logging

/// The sync protocol under `/v1`: push, pull, snapshot and status (SPEC §3).
struct SyncController<Store: SyncStore> {
    let store: Store
    let settings: ServerSettings
    let metrics: ServerMetrics
    let identity: IdentityCache

    /// Adds the routes to a group that authenticates first.
    func addRoutes(to group: RouterGroup<DossierRequestContext>) {
        group.post("changes", use: push)
        group.get("changes", use: pull)
        group.get("snapshot", use: snapshot)
        group.get("status", use: status)
    }

    @Sendable func push(_ request: Request, context: DossierRequestContext) async throws -> Response {
        let member = try context.requireMember()
        guard member.role.canPush else { throw APIError.viewerCannotPush }
        let body = try await Wire.decode(PushRequest.self, from: request, limit: settings.maxBodyBytes)
        guard body.changes.count <= SyncProtocol.maxPushBatch else {
            throw APIError(.contentTooLarge, "batch_too_large", "a push may carry at most \(SyncProtocol.maxPushBatch) changes; split the batch")
        }
        let now = settings.clock()
        let screening = PushScreening(submitted: body.changes, author: member.name, now: now, maxSkew: settings.maxClockSkewMillis)
        let batch = await EncodedChanges.encode(screening.valid)
        let outcomes = try await guarded(context) { try await store.push(batch, team: member.teamID, receivedAt: now) }
        let receipts = screening.receipts(storing: outcomes)
        metrics.record(receipts)
        context.logger.info("push", metadata: [
            "dossier.changes.accepted": "\(receipts.filter { $0.status == .accepted }.count)",
            "dossier.changes.rejected": "\(receipts.filter { $0.status == .rejected }.count)",
        ])
        return Wire.json(PushReply(receipts: receipts), for: request)
    }

    @Sendable func pull(_ request: Request, context: DossierRequestContext) async throws -> Response {
        let member = try context.requireMember()
        let after = try request.uri.queryParameters["after"].map { (text: Substring) throws -> Int64 in
            guard let value = Int64(text), value >= 0 else { throw APIError.badRequest("'after' must be a cursor (a whole number ≥ 0)") }
            return value
        } ?? 0
        let limit = try Self.limit(request, maximum: SyncProtocol.maxPullLimit, default: SyncProtocol.defaultPullLimit)
        let page = try await guarded(context) { try await store.log(team: member.teamID, after: after, limit: limit) }
        metrics.pulled.increment(by: Int64(page.bodies.count))
        var response = Self.negotiated(request, packed: { page.packed }, json: { page.json })
        response.headers[.dossierCheckpoint] = try await checkpoint(member, at: page.next, context: context)
        return response
    }

    @Sendable func snapshot(_ request: Request, context: DossierRequestContext) async throws -> Response {
        let member = try context.requireMember()
        let after = request.uri.queryParameters["after"].map(String.init)
        if let after, SnapshotPage.key(after: after) == nil {
            throw APIError.badRequest("'after' must be the next_after of the previous snapshot page")
        }
        let limit = try Self.limit(request, maximum: SyncProtocol.maxPullLimit, default: SyncProtocol.defaultPullLimit)
        let page = try await guarded(context) { try await store.snapshot(team: member.teamID, after: after, limit: limit) }
        return try Self.negotiated(request, packed: { page.packed }, json: { Array(try page.json()) })
    }

    @Sendable func status(_ request: Request, context: DossierRequestContext) async throws -> Response {
        let member = try context.requireMember()
        let head = try await guarded(context) { try await store.head(team: member.teamID) }
        let serverKey = try await guarded(context) { try await identity.identity().publicKey.description }
        let reply = StatusReply(serverTime: settings.clock(), protocolVersion: SyncProtocol.version,
                                user: member.name, team: member.team, role: member.role, cursor: head, serverKey: serverKey)
        var response = Wire.json(reply, for: request)
        response.headers[.dossierCheckpoint] = try await checkpoint(member, at: head, context: context)
        return response
    }

    /// The signed checkpoint of the team's log after entry `size`, as the `Dossier-Checkpoint` header carries it:
    /// base64 of its canonical JSON.
    func checkpoint(_ member: Member, at size: Int64, context: DossierRequestContext) async throws -> String {
        try await guarded(context) {
            let head = size == 0 ? TeamLog.emptyHead
                : try await store.entryHashes(team: member.teamID, after: size - 1, limit: 1).first ?? TeamLog.emptyHead
            let checkpoint = try Checkpoint(team: member.team, size: size, head: head, signedAt: StoreClock.text(settings.clock()))
                .signed(by: try await identity.identity())
            return CanonicalJSON.encode(checkpoint).base64EncodedString()
        }
    }

    /// A replica that accepts the packed form gets stored bytes as they are; anyone else gets JSON. The answer
    /// depends on `Accept`, so caches are told so.
    static func negotiated(_ request: Request, packed: () -> [UInt8], json: () throws -> [UInt8]) rethrows -> Response {
        var response = if request.headers[.accept]?.contains(SyncProtocol.packedMediaType) == true {
            Wire.response(packed(), for: request, contentType: SyncProtocol.packedMediaType)
        } else {
            Wire.response(try json(), for: request)
        }
        response.headers[.vary] = "Accept, Accept-Encoding"
        return response
    }

    static func limit(_ request: Request, maximum: Int, default fallback: Int) throws -> Int {
        guard let text = request.uri.queryParameters["limit"] else { return fallback }
        guard let value = Int(text), (1...maximum).contains(value) else {
            throw APIError.badRequest("'limit' must be a whole number from 1 to \(maximum)")
        }
        return value
    }

}

extension HTTPField.Name {
    /// The signed checkpoint of the team's log where a pull page (or the status) ends, base64 of its canonical JSON.
    static var dossierCheckpoint: Self { Self("Dossier-Checkpoint")! }
}
