import DossierCore
import DossierTrust
import Hummingbird

/// Device keys under `/v1/devices` (SPEC §8.2): a replica binds its key's public half to the token's user at its first
/// sync; any member reads the team's bindings, each signed by the server, to check who signed a pulled change.
struct DeviceController<Store: SyncStore> {
    let store: Store
    let settings: ServerSettings
    let identity: IdentityCache

    /// Adds the routes to a group that authenticates first.
    func addRoutes(to group: RouterGroup<DossierRequestContext>) {
        group.post("devices", use: bind)
        group.get("devices", use: list)
    }

    @Sendable func bind(_ request: Request, context: DossierRequestContext) async throws -> Response {
        let member = try context.requireMember()
        let body = try await Wire.decode(DeviceRequest.self, from: request, limit: 4096)
        guard ReplicaID(body.replica) != nil else { throw APIError.badRequest("'replica' must be a replica id") }
        guard let key = SigningPublicKey(body.key) else { throw APIError.badRequest("'key' must be an Ed25519 public key written ed25519:BASE64") }
        let before = try await guarded(context) { try await store.devices(team: member.teamID, replicas: [body.replica]) }[body.replica]
        let record: DeviceRecord
        do {
            record = try await store.bindDevice(team: member.teamID, user: member.name, replica: body.replica, key: key.description,
                                                at: settings.clock())
        } catch StoreError.exists {
            throw APIError(.conflict, "device_bound", "replica \(body.replica) or this key is already bound to another device or user; "
                           + "a replica keeps the key it was made with")
        } catch {
            context.logger.error("store failed", metadata: ["dossier.error": "\(String(reflecting: error))"])
            throw APIError.storeUnavailable
        }
        let binding = try await signed(record, context: context)
        return Wire.json(binding, for: request, status: before == nil ? .created : .ok)
    }

    @Sendable func list(_ request: Request, context: DossierRequestContext) async throws -> Response {
        let member = try context.requireMember()
        let records = try await guarded(context) { try await store.devices(team: member.teamID) }
        var bindings: [DeviceBinding] = []
        for record in records { bindings.append(try await signed(record, context: context)) }
        return Wire.json(DevicesReply(devices: bindings), for: request)
    }

    /// The record as the server's signed statement.
    private func signed(_ record: DeviceRecord, context: DossierRequestContext) async throws -> DeviceBinding {
        try await guarded(context) {
            try DeviceBinding(team: record.team, user: record.user, replica: record.replica, key: record.key,
                              boundAt: StoreClock.text(record.boundAt), revokedAfter: record.revokedAfter)
                .signed(by: try await identity.identity())
        }
    }
}
