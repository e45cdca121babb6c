import DossierCore
import DossierTrust

extension Replica {
    /// Binds this replica's device key to its user on the server, once (the first sync after it was made, or after an
    /// upgrade from before device keys); a replica id bound to another key is refused with nothing sent.
    public func bindDevice(with client: SyncClient) throws {
        let state = try database.read { store in try store.replicaState() }
        guard !state.deviceBound else { return }
        let request = DeviceRequest(replica: state.settings.replica.rawValue, key: try deviceKey().publicKey.description)
        do {
            let binding = try client.bindDevice(request)
            try database.write { store in try store.saveDeviceBindings([binding]) }
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

/// Checks every pulled change's signature before its page is stored (`SignatureCheck`), fetching the team's bindings
/// from the server once per sync.
struct ChangeVerifier {
    let replica: Replica
    let client: SyncClient
    let serverKey: SigningPublicKey
    let team: String
    private var signatures: SignatureCheck
    private var refreshed = false

    /// A verifier with the bindings this replica has seen.
    init(replica: Replica, client: SyncClient, serverKey: SigningPublicKey, team: String) throws {
        (self.replica, self.client, self.serverKey, self.team) = (replica, client, serverKey, team)
        signatures = SignatureCheck(bindings: try replica.deviceBindings())
        signatures.requireCanonical = false
    }

    /// Checks a page whose first entry is at log position `first`; throws `ReplicaError.forgedChange` for the first change
    /// that does not verify. Signatures are checked on every core; the bindings are fetched again (once a sync) only
    /// when a change comes from a device this replica has not seen.
    mutating func check(_ page: PullPage, first: Int64) throws {
        let changes = try page.changes
        if !refreshed, changes.contains(where: { $0.sig != nil && signatures.bindings[$0.id.replica.rawValue] == nil }) { try refresh() }
        let verdicts = SignatureCheck.signatureProblems(of: changes, first: first, bindings: signatures.bindings)
        var bodies: [String: String] = [:]
        let replica = replica
        for (offset, (change, body)) in zip(changes, page.bodies).enumerated() {
            let problem = try signatures.problem(with: change, body: body, at: first + Int64(offset), verdict: .some(verdicts[offset])) { id in
                try bodies[id.description] ?? replica.body(of: id)
            }
            if let problem {
                throw ReplicaError.forgedChange(entry: first + Int64(offset), change: change.id.description, reason: problem,
                                                kept: try replica.pendingCount())
            }
            bodies[change.id.description] = body
        }
    }

    /// Fetches the team's bindings, keeping those the server signed for this team and storing those new or changed here.
    private mutating func refresh() throws {
        refreshed = true
        let fetched = try DeviceBindings.fetch(from: client, serverKey: serverKey, team: team)
        let changed = fetched.filter { signatures.bindings[$0.replica] != $0 }
        if !changed.isEmpty { try replica.saveDeviceBindings(changed) }
        for binding in fetched { signatures.bindings[binding.replica] = binding }
    }
}

/// The team's device bindings as the server lists them.
enum DeviceBindings {
    /// Fetches them, refusing any the server's key did not sign for this team.
    static func fetch(from client: SyncClient, serverKey: SigningPublicKey, team: String) throws -> [DeviceBinding] {
        let fetched = try client.devices().devices
        for binding in fetched where binding.team != team || !binding.isSigned(by: serverKey) {
            throw ReplicaError.unverifiableLog("the server's binding of replica \(binding.replica)'s device key is not signed by its identity key")
        }
        return fetched
    }
}
