import DossierCore
import Foundation

extension Checkpoint {
    /// The header that carries the checkpoint where a pull page, a snapshot or the status ends.
    public static let headerName = "Dossier-Checkpoint"
    /// The header that carries the checkpoint at the size a replica says it holds (`GET /v1/status?held=N`).
    public static let heldHeaderName = "Dossier-Held-Checkpoint"

    /// The header's value: base64 of the canonical JSON.
    public var headerValue: String { CanonicalJSON.encode(self).base64EncodedString() }

    /// Reads a header's value; nil unless it is base64 of a checkpoint's JSON.
    public init?(headerValue: String) {
        guard let json = Data(base64Encoded: headerValue.trimmingCharacters(in: .whitespaces)),
              let checkpoint = try? JSONDecoder().decode(Checkpoint.self, from: json) else { return nil }
        self = checkpoint
    }

    /// The checkpoint before the first entry of `team`'s log: size 0, the empty head, unsigned.
    public static func empty(team: String) -> Checkpoint {
        Checkpoint(team: team, size: 0, head: TeamLog.emptyHead, signedAt: "")
    }
}

/// One entry's place in the team log and the chain's hash after it, as `GET /v1/log/hashes` lists them.
public struct LogEntryHash: Codable, Sendable, Equatable {
    /// The entry's log position.
    public var seq: Int64
    /// The chain's hash after it.
    public var hash: LogHash

    /// Creates one.
    public init(seq: Int64, hash: LogHash) {
        (self.seq, self.hash) = (seq, hash)
    }
}

/// The reply of `GET /v1/log/hashes?after=&limit=`: the chain's hashes of the entries after `after`, in log order.
public struct LogHashesReply: Codable, Sendable, Equatable {
    /// The entries, in log order.
    public var entries: [LogEntryHash]

    /// Creates one.
    public init(entries: [LogEntryHash]) {
        self.entries = entries
    }
}
