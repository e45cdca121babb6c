import DossierCore
import DossierTrust

/// What a push's changes are checked against for their signatures (SPEC §8.2), read from the store before screening: the
/// device keys of the replicas that made them and the stored bodies of their predecessors in each replica's chain.
struct PushSignatures: Sendable {
    /// The team's devices among the batch's replicas, by replica id.
    var devices: [String: DeviceRecord]
    /// Stored bodies of the batch's changes' predecessors, by change id.
    var storedBodies: [String: String]
    /// Whether unsigned changes are refused even from replicas that have no device key (`serve --require-signatures`).
    var requireSignatures: Bool

    /// Reads what a batch needs from the store.
    static func read(for submitted: [Submitted], team: Int64, store: some DeviceStore, requireSignatures: Bool) async throws -> PushSignatures {
        let changes = submitted.compactMap { if case .change(let change) = $0 { change } else { nil } }
        let devices = try await store.devices(team: team, replicas: Set(changes.map(\.id.replica.rawValue)))
        let inBatch = Set(changes.map(\.id.description))
        let predecessors = changes.compactMap(\.predecessor).map(\.description).filter { !inBatch.contains($0) }
        let bodies = try await store.changeBodies(team: team, ids: Array(Set(predecessors)))
        return PushSignatures(devices: devices, storedBodies: bodies, requireSignatures: requireSignatures)
    }

    /// Why `change`, pushed by `pusher`, is refused for its signature, or nil when it may go on; `batchBodies` holds the
    /// bodies of the batch's changes accepted before it.
    func refusal(of change: Change, pusher: String, batchBodies: [String: String]) -> Receipt? {
        let id = change.id.description
        guard let device = devices[change.id.replica.rawValue] else {
            if change.sig != nil {
                return .rejected(id, code: .deviceUnknown, message: "no device key is known for replica \(change.id.replica); its author's "
                                 + "replica binds its key at its next sync, after which this change is accepted")
            }
            if requireSignatures {
                return .rejected(id, code: .unsigned, message: "this server accepts only changes signed by a device key; sync with the dossier client")
            }
            guard change.author == pusher else {
                return .rejected(id, code: .authorMismatch,
                                 message: "the change is authored as '\(change.author)' but the token belongs to '\(pusher)' and it is not signed; "
                                    + "run 'dossier init' with your own token")
            }
            return nil
        }
        guard change.sig != nil else {
            return .rejected(id, code: .unsigned, message: "replica \(change.id.replica) signs its changes with its device key, and this one carries no signature")
        }
        guard device.revokedAt == nil else {
            return .rejected(id, code: .deviceRevoked, message: "the device key of replica \(change.id.replica) (\(device.user)) was revoked")
        }
        let binding = DeviceBinding(team: device.team, user: device.user, replica: device.replica, key: device.key, boundAt: "", revokedAfter: nil)
        if let refusal = binding.refusal(of: change, at: nil) {
            let code: RejectionCode = change.author == device.user ? .badSignature : .authorMismatch
            return .rejected(id, code: code, message: refusal)
        }
        let expected: String?
        if let predecessor = change.predecessor {
            expected = (batchBodies[predecessor.description] ?? storedBodies[predecessor.description]).map(ChangeChain.hash(ofBody:))
        } else {
            expected = ChangeChain.start
        }
        guard let expected else {
            return .rejected(id, code: .chainBroken, message: "the previous change of replica \(change.id.replica) (\(change.predecessor!)) is not on the "
                             + "server; push it first")
        }
        guard change.prev == expected else {
            return .rejected(id, code: .chainBroken, message: "its prev is not the hash of replica \(change.id.replica)'s previous change as the server holds it")
        }
        return nil
    }
}
