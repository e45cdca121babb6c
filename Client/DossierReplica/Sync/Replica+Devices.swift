import DossierCore
import DossierTrust

extension Replica {
    /// Binds this replica's device key to its user on the server, once (the first sync after it was made, or after an
    /// upgrade from before device keys); a replica id bound to another key is refused with nothing sent.
    func bindDevice(with client: SyncClient) throws {
        let state = try database.read { store in try store.replicaState() }
        guard !state.deviceBound else { return }
        let request = DeviceRequest(replica: state.settings.replica.rawValue, key: try deviceKey().publicKey.description)
        do {
            _ = try client.bindDevice(request)
        } catch TransportError.server(409, "device_bound", _) {
            throw ReplicaError.account(
                sentence: "the server holds another device key for this replica (\(request.replica)); nothing was sent and "
                    + "\(try pendingCount()) change(s) are kept in this replica",
                hint: "this replica's key file (\(deviceKeyPath)) must be the one it was made with; tell your team admin")
        }
        try database.write { store in try store.updateReplicaState { $0.deviceBound = true } }
    }

    /// The team's device bindings this replica has seen, by replica id.
    func deviceBindings() throws -> [String: DeviceBinding] {
        try database.read { store in try store.deviceBindings() }
    }

    /// Keeps bindings the server signed.
    func saveDeviceBindings(_ bindings: [DeviceBinding]) throws {
        try database.write { store in try store.saveDeviceBindings(bindings) }
    }

    /// The stored body of a change, if this replica holds it.
    func body(of id: ChangeID) throws -> String? {
        try database.read { store in try store.body(of: id) }
    }
}

/// Checks every pulled change's signature (SPEC §8.2): signed by the device the server bound to its author, not after
/// the device was revoked, and naming its replica's previous change when this replica holds it. An unsigned change is
/// taken only from a replica that has no device key (a client without one, such as a script using curl).
struct ChangeVerifier {
    let replica: Replica
    let client: SyncClient
    let serverKey: SigningPublicKey
    let team: String
    private var bindings: [String: DeviceBinding]
    private var refreshed = false

    /// A verifier with the bindings this replica has seen.
    init(replica: Replica, client: SyncClient, serverKey: SigningPublicKey, team: String) throws {
        (self.replica, self.client, self.serverKey, self.team) = (replica, client, serverKey, team)
        bindings = try replica.deviceBindings()
    }

    /// Checks a page whose first entry is at log position `first`; throws `ReplicaError.forgedChange` for the first change
    /// that does not verify.
    mutating func check(_ page: PullPage, first: Int64) throws {
        let changes = try page.changes
        var bodies: [String: String] = [:]
        for (offset, (change, body)) in zip(changes, page.bodies).enumerated() {
            defer { bodies[change.id.description] = body }
            if change.sig != nil, !refreshed { try refresh() }
            let replicaID = change.id.replica.rawValue
            func forged(_ reason: String) throws -> Never {
                throw ReplicaError.forgedChange(entry: first + Int64(offset), change: change.id.description, reason: reason,
                                                kept: try replica.pendingCount())
            }
            guard change.sig != nil else {
                if bindings[replicaID] != nil { try forged("it carries no signature, but replica \(replicaID) signs its changes") }
                continue
            }
            guard let binding = bindings[replicaID] else { try forged("the server binds no device key to replica \(replicaID)") }
            if let refusal = binding.refusal(of: change, at: first + Int64(offset)) { try forged(refusal) }
            let previous: String? = if let predecessor = change.predecessor {
                try bodies[predecessor.description] ?? replica.body(of: predecessor)
            } else {
                ChangeChain.start
            }
            if let previous, change.prev != (change.predecessor == nil ? previous : ChangeChain.hash(ofBody: previous)) {
                try forged("it does not name its replica's previous change (\(change.predecessor?.description ?? "none")) as it was signed")
            }
        }
    }

    /// Fetches the team's bindings once per sync, keeping those the server signed for this team.
    private mutating func refresh() throws {
        refreshed = true
        let fetched = try client.devices().devices
        for binding in fetched {
            guard binding.team == team, binding.isSigned(by: serverKey) else {
                throw ReplicaError.unverifiableLog("the server's binding of replica \(binding.replica)'s device key is not signed by its identity key")
            }
        }
        try replica.saveDeviceBindings(fetched)
        for binding in fetched { bindings[binding.replica] = binding }
    }
}
