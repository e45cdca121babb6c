import DossierCore
import DossierTrust

extension Replica {
    /// The file beside the replica that holds its device key's private half (mode 0600).
    public var deviceKeyPath: String { database.path + "-device-key" }

    /// The replica's device key, made on first use for a replica made before keys existed.
    public func deviceKey() throws -> DeviceKey {
        do {
            return try DeviceKey.loadOrCreate(at: deviceKeyPath)
        } catch let error as DeviceKeyError {
            throw ReplicaError.unusable(path: database.path, reason: error.description)
        }
    }

    /// Signs the waiting changes again in outbox order from the first of `ids` on (after a re-stamp changed their bodies,
    /// every later change names a new `prev`), in the open transaction.
    static func resign(from ids: Set<String>, _ store: ReplicaStore, key: DeviceKey) throws {
        let state = try store.replicaState()
        var signer: ChangeSigner?
        for change in try store.outboxChanges() where change.id.replica == state.settings.replica {
            if signer == nil, ids.contains(change.id.description) {
                signer = ChangeSigner(key: key, head: try store.chainHash(before: change.id))
            }
            guard var active = signer else { continue }
            try store.replaceOutboxChange(with: try active.sign(change))
            signer = active
        }
        if let signer { try store.updateReplicaState { $0.chainHead = signer.head } }
    }
}

/// Signs a replica's new changes in order, each naming the hash of the one before.
struct ChangeSigner {
    let key: DeviceKey
    /// The hash of the last change signed (or of the replica's last change before these).
    private(set) var head: String

    init(key: DeviceKey, head: String) {
        (self.key, self.head) = (key, head)
    }

    /// The change, chained and signed; the head moves to it.
    mutating func sign(_ change: Change) throws -> Change {
        let signed = try change.signed(by: key, after: head)
        head = ChangeChain.hash(ofBody: ReplicaJSON.encode(signed))
        return signed
    }
}

extension ReplicaStore {
    /// The hash `prev` names for this replica's change `id`: its previous change's body hash (the chain's start for its
    /// first change, or when that change is not held).
    func chainHash(before id: ChangeID) throws -> String {
        guard id.counter > 1 else { return ChangeChain.start }
        let previous = ChangeID(replica: id.replica, counter: id.counter - 1)
        return try body(of: previous).map(ChangeChain.hash(ofBody:)) ?? ChangeChain.start
    }
}
