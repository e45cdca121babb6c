import DossierCore
import DossierTrust
import NIOCore

/// What a push's changes are checked against for their signatures (SPEC §8.2), read from the store before screening: the
/// device keys of the replicas that made them and the stored bodies of their predecessors in each replica's chain.
struct PushSignatures: Sendable {
    /// The team's devices among the batch's replicas, by replica id.
    var devices: [String: DeviceRecord]
    /// Stored bodies of the batch's changes' predecessors, by change id.
    var storedBodies: [String: String]
    /// Whether unsigned changes are refused even from replicas that have no device key (`serve --require-signatures`).
    var requireSignatures: Bool
    /// Why each change's signature does not verify under its device's binding (nil when it does, or cannot be checked
    /// here), by its index among the batch's changes; filled by `verify(_:)`.
    private(set) var signatureProblems: [String?] = []

    /// Reads what the batch's changes need from the store.
    static func read(for changes: [Change], team: Int64, store: some DeviceStore, requireSignatures: Bool) async throws -> PushSignatures {
        let devices = try await store.devices(team: team, replicas: Set(changes.map(\.id.replica.rawValue)))
        let inBatch = Set(changes.map(\.id.description))
        let predecessors = changes.compactMap(\.predecessor).map(\.description).filter { !inBatch.contains($0) }
        let bodies = try await store.changeBodies(team: team, ids: Array(Set(predecessors)))
        return PushSignatures(devices: devices, storedBodies: bodies, requireSignatures: requireSignatures)
    }

    /// Checks every signed change's signature and author against its device's binding, split over the cores (an
    /// Ed25519 verification and an encoding of the signed bytes each).
    mutating func verify(_ encoded: EncodedChanges, parts: Int = System.coreCount) async {
        let devices = devices
        let check: @Sendable (Change) -> String? = { change in
            guard change.sig != nil, let device = devices[change.id.replica.rawValue] else { return nil }
            return DeviceBinding(team: device.team, user: device.user, replica: device.replica, key: device.key, boundAt: "", revokedAfter: nil)
                .refusal(of: change, at: nil)
        }
        let changes = encoded.changes
        let size = max((changes.count + parts - 1) / parts, 1)
        signatureProblems = await withTaskGroup(of: (Int, [String?]).self) { group in
            for start in stride(from: 0, to: changes.count, by: size) {
                let slice = changes[start..<min(start + size, changes.count)]
                group.addTask { (start, slice.map(check)) }
            }
            var problems = [String?](repeating: nil, count: changes.count)
            for await (start, part) in group { problems.replaceSubrange(start..<start + part.count, with: part) }
            return problems
        }
    }

    /// Why the batch's change number `index`, pushed by `pusher`, is refused for its signature, or nil when it may go
    /// on; `batchBodies` holds the bodies of the batch's changes accepted before it.
    func refusal(of change: Change, index: Int, pusher: String, batchBodies: [String: String]) -> Receipt? {
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
        if let refusal = signatureProblems[index] {
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
