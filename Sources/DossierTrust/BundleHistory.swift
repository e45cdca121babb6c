import DossierCore
import Foundation

/// What a bundle carries to prove its records' history offline with only the team server's public key (SPEC §8.2,
/// `history.json`): the changes of its records as their devices signed them, the server's signed bindings of those
/// devices, the server's signed checkpoint, and the team log from the first of those changes to the checkpoint as the
/// SHA-256 of each entry's body, so a reader replays the chain to the signed head and finds each change in it.
public struct BundleHistory: Codable, Sendable, Equatable {
    /// One change and where it sits in the team log (nil for a change still waiting to be pushed).
    public struct Entry: Codable, Sendable, Equatable {
        /// The log position.
        public var seq: Int64?
        /// The change's canonical JSON, signed.
        public var body: String

        /// Creates one.
        public init(seq: Int64?, body: String) {
            (self.seq, self.body) = (seq, body)
        }
    }

    /// The team log from entry `from` to the checkpoint: the chain's hash before `from` and each entry's body SHA-256.
    public struct Log: Codable, Sendable, Equatable {
        /// The first entry given.
        public var from: Int64
        /// The chain's hash after entry `from − 1`.
        public var start: LogHash
        /// SHA-256 of each entry's body, from `from` to the checkpoint's size.
        public var bodies: [LogHash]

        /// Creates one.
        public init(from: Int64, start: LogHash, bodies: [LogHash]) {
            (self.from, self.start, self.bodies) = (from, start, bodies)
        }
    }

    /// The team server's identity key, `ed25519:BASE64`; compare it with the one in your invitation.
    public var serverKey: String
    /// The server's checkpoint the exporting replica verified.
    public var checkpoint: Checkpoint
    /// The server's bindings of the devices that signed the changes.
    public var devices: [DeviceBinding]
    /// The log from the first included change to the checkpoint (nil when no included change is in the log).
    public var log: Log?
    /// The records' changes, in log order, then those waiting.
    public var changes: [Entry]

    enum CodingKeys: String, CodingKey {
        case checkpoint, devices, log, changes
        case serverKey = "server_key"
    }

    /// Creates one.
    public init(serverKey: String, checkpoint: Checkpoint, devices: [DeviceBinding], log: Log?, changes: [Entry]) {
        (self.serverKey, self.checkpoint, self.devices, self.log, self.changes) = (serverKey, checkpoint, devices, log, changes)
    }

    /// Every problem, each in one sentence naming its change or entry (none when the history checks out): the checkpoint
    /// and bindings signed by `serverKey`, the log replaying to the checkpoint's head, and each change canonical, signed by
    /// its author's device and found at its position.
    public func problems() -> [String] {
        guard let key = SigningPublicKey(serverKey) else { return ["history.json names no readable server key"] }
        var problems: [String] = []
        if !checkpoint.isSigned(by: key) { problems.append("the checkpoint is not signed by server key \(serverKey)") }
        var bindings: [String: DeviceBinding] = [:]
        for binding in devices {
            if binding.isSigned(by: key), binding.team == checkpoint.team { bindings[binding.replica] = binding } else {
                problems.append("the binding of replica \(binding.replica)'s device is not signed by server key \(serverKey)")
            }
        }
        if let log {
            var head = log.start
            for bodyHash in log.bodies { head = TeamLog.entryHash(after: head, bodyHash: bodyHash) }
            if head != checkpoint.head || log.from + Int64(log.bodies.count) - 1 != checkpoint.size {
                problems.append("the log entries \(log.from)–\(checkpoint.size) do not replay to the checkpoint's head")
            }
        }
        for entry in changes {
            guard let change = try? JSONDecoder().decode(Change.self, from: Data(entry.body.utf8)), CanonicalJSON.text(change) == entry.body else {
                problems.append("a change cannot be read or is not in its canonical form")
                continue
            }
            if let seq = entry.seq {
                let offset = log.map { Int(seq - $0.from) } ?? -1
                if log == nil || offset < 0 || offset >= log!.bodies.count || log!.bodies[offset] != TeamLog.bodyHash(entry.body) {
                    problems.append("change \(change.id) is not entry \(seq) of the log")
                }
            }
            if let binding = bindings[change.id.replica.rawValue] {
                if let refusal = binding.refusal(of: change, at: entry.seq) { problems.append("change \(change.id): \(refusal)") }
            } else if change.sig != nil {
                problems.append("change \(change.id): no binding of its device is included")
            }
        }
        return problems
    }
}
