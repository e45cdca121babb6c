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
    let checkpoints: CheckpointSigner<Store>

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
        let readable = body.changes.compactMap { if case .change(let change) = $0 { change } else { nil } }
        let encoded = await EncodedChanges.encode(readable)
        var signatures = try await guarded(context) {
            try await PushSignatures.read(for: readable, team: member.teamID, store: store, requireSignatures: settings.requireSignatures)
        }
        await signatures.verify(encoded)
        let screening = PushScreening(submitted: body.changes, encoded: encoded, pusher: member.name, signatures: signatures, now: now,
                                      maxSkew: settings.maxClockSkewMillis)
        let batch = screening.valid
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
        let after = try Self.cursor(request, name: "after") ?? 0
        let limit = try Self.limit(request, maximum: SyncProtocol.maxPullLimit, default: SyncProtocol.defaultPullLimit)
        let page = try await guarded(context) { try await store.log(team: member.teamID, after: after, limit: limit) }
        metrics.pulled.increment(by: Int64(page.bodies.count))
        var response = Self.negotiated(request, packed: { page.packed }, json: { page.json })
        response.headers[.dossierCheckpoint] = try await checkpoints.header(member, at: page.next, context: context)
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
        var response = try Self.negotiated(request, packed: { page.packed }, json: { Array(try page.json()) })
        response.headers[.dossierCheckpoint] = try await checkpoints.header(member, at: page.cursor, context: context)
        return response
    }

    @Sendable func status(_ request: Request, context: DossierRequestContext) async throws -> Response {
        let member = try context.requireMember()
        let held = try Self.cursor(request, name: "held")
        let head = try await guarded(context) { try await store.head(team: member.teamID) }
        let serverKey = try await guarded(context) { try await identity.identity().publicKey.description }
        let reply = StatusReply(serverTime: settings.clock(), protocolVersion: SyncProtocol.version,
                                user: member.name, team: member.team, role: member.role, cursor: head, serverKey: serverKey)
        var response = Wire.json(reply, for: request)
        response.headers[.dossierCheckpoint] = try await checkpoints.header(member, at: head, context: context)
        // A replica says how much of the log it verified; a log shorter than that gets no held checkpoint.
        if let held, held <= head {
            response.headers[.dossierHeldCheckpoint] = try await checkpoints.header(member, at: held, context: context)
        }
        return response
    }

    /// A query parameter that is a log position (a whole number ≥ 0), if given.
    static func cursor(_ request: Request, name: String) throws -> Int64? {
        try request.uri.queryParameters[Substring(name)].map { (text: Substring) throws -> Int64 in
            guard let value = Int64(text), value >= 0 else { throw APIError.badRequest("'\(name)' must be a log position (a whole number ≥ 0)") }
            return value
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
