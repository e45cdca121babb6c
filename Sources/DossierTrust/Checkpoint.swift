import DossierCore
import Foundation

/// The team server's signed statement of its log: team, size (entries), the head hash after the last entry, and the
/// server's time. Ed25519 by the server's identity key over the canonical JSON of everything but the signature.
/// Two checkpoints of one team and one size with different heads prove the server forked its history.
public struct Checkpoint: Codable, Sendable, Equatable, ServerSignedStatement {
    /// The team.
    public var team: String
    /// How many entries the log holds.
    public var size: Int64
    /// The chain's hash after entry `size`.
    public var head: LogHash
    /// When the server signed it (ISO 8601, UTC).
    public var signedAt: String
    /// The signature in base64; empty in the signed bytes.
    public var signature: String

    enum CodingKeys: String, CodingKey {
        case team, size, head, signature
        case signedAt = "signed_at"
    }

    /// An unsigned checkpoint.
    public init(team: String, size: Int64, head: LogHash, signedAt: String) {
        (self.team, self.size, self.head, self.signedAt, self.signature) = (team, size, head, signedAt, "")
    }

    /// Checks that this checkpoint extends `held` by exactly the entries `bodies` (the pulled page after `held.size`):
    /// same team, a size of `held.size + bodies.count`, and the head the chain reaches from `held.head`.
    /// Returns nil when it does, else why not.
    public func mismatch(extending held: Checkpoint, with bodies: [String]) -> String? {
        guard team == held.team else { return "a checkpoint of team \(team), not \(held.team)" }
        guard size == held.size + Int64(bodies.count) else {
            return "the log has \(size) entries, but \(held.size) held and \(bodies.count) pulled make \(held.size + Int64(bodies.count))"
        }
        let reached = TeamLog.extend(held.head, with: bodies).last ?? held.head
        guard reached == head else { return "entries \(held.size + 1)–\(size) do not lead to the head the server signed" }
        return nil
    }
}
