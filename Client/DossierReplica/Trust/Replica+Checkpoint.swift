import DossierCore
import DossierTrust
import Foundation

/// How a colleague's checkpoint compares with the log this replica verified (`dossier verify --checkpoint FILE`).
public enum CheckpointComparison: Sendable, Equatable {
    /// Same size and head as the one held here.
    case matches
    /// Smaller, and this replica's log passes through it.
    case precedes
    /// Signed by the server for a size this replica verified, with another head: the server showed two histories.
    case fork(size: Int64, theirs: LogHash, ours: LogHash)
    /// Larger than the log this replica verified: sync, then compare again.
    case ahead(size: Int64, held: Int64)
    /// This replica holds no hash at that size (it started from a later snapshot).
    case unknown(size: Int64)
}

extension Replica {
    /// Reads a checkpoint as `dossier checkpoint` prints it (JSON), or as the `Dossier-Checkpoint` header carries it.
    public static func readCheckpoint(_ data: Data) -> Checkpoint? {
        if let checkpoint = try? JSONDecoder().decode(Checkpoint.self, from: data) { return checkpoint }
        return Checkpoint(headerValue: String(decoding: data, as: UTF8.self))
    }

    /// Compares a colleague's checkpoint with this replica's log; refuses one not signed by this team's server.
    public func compare(_ theirs: Checkpoint) throws -> CheckpointComparison {
        let settings = try settings()
        guard let text = settings.serverKey, let key = SigningPublicKey(text), theirs.isSigned(by: key) else {
            throw ReplicaError.refused("the checkpoint is not signed by the identity key of the server this replica syncs with; nothing to compare")
        }
        guard theirs.team == settings.team else {
            throw ReplicaError.refused("the checkpoint is of team \(theirs.team), not \(settings.team); nothing to compare")
        }
        let held = try heldCheckpoint() ?? .empty(team: settings.team)
        guard theirs.size <= held.size else { return .ahead(size: theirs.size, held: held.size) }
        let ours = theirs.size == held.size ? held.head : theirs.size == 0 ? TeamLog.emptyHead : try logHash(at: theirs.size)
        guard let ours else { return .unknown(size: theirs.size) }
        guard ours == theirs.head else { return .fork(size: theirs.size, theirs: theirs.head, ours: ours) }
        return theirs.size == held.size ? .matches : .precedes
    }
}
