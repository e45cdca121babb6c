import DossierCore
import DossierTrust

/// A pulled page's checkpoint, verified to extend the held one by exactly the page's entries, and their hashes.
public struct VerifiedPage: Sendable {
    /// The page's checkpoint, signed by the server.
    public var checkpoint: Checkpoint
    /// The chain's hash after each of the page's entries, in order.
    public var hashes: [LogHash]
}

extension Replica {
    /// The last checkpoint of the team log this replica verified; nil for a replica that has not synced since
    /// checkpoints existed.
    public func heldCheckpoint() throws -> Checkpoint? {
        try database.read { store in try store.replicaState().checkpoint }
    }

    /// Keeps a checkpoint verified without entries (the one at the cursor of a replica that held none yet).
    func hold(_ checkpoint: Checkpoint) throws {
        try database.write { store in try store.updateReplicaState { $0.checkpoint = checkpoint } }
    }

    /// The chain's hash this replica verified after entry `seq`, if it holds it.
    func logHash(at seq: Int64) throws -> LogHash? {
        try database.read { store in try store.logHash(at: seq) }
    }

    /// The first entry whose hash this replica holds.
    func firstLogHash() throws -> Int64? {
        try database.read { store in try store.firstLogHash() }
    }
}
