import DossierCore
import Foundation

/// One replica's signed changes as `dossier sync --to-dir` writes them for a colleague to carry (SPEC §8.2): its device's
/// binding as the server signed it, the changes' canonical bodies in its chain order, and the evidence files they
/// reference (kept beside it as `files/SHA256`). A colleague's `sync --from-dir` checks everything before it takes any.
public struct RelayFile: Codable, Sendable, Equatable {
    /// The form written, `dossier-relay-1`.
    public var format: String
    /// The team.
    public var team: String
    /// The replica whose changes these are.
    public var replica: String
    /// Its device key's binding, signed by the team server.
    public var binding: DeviceBinding
    /// The changes' canonical JSON, in the order they were made.
    public var changes: [String]
    /// The evidence files the changes reference (SHA-256 in hex), kept beside the relay file.
    public var files: [String]

    /// The form this version writes and reads.
    public static let currentFormat = "dossier-relay-1"

    /// A relay file of the current form.
    public init(team: String, replica: String, binding: DeviceBinding, changes: [String], files: [String]) {
        (self.format, self.team, self.replica, self.binding, self.changes, self.files) =
            (Self.currentFormat, team, replica, binding, changes, files)
    }

    /// The file's name in a relay folder.
    public var fileName: String { "\(team)--\(replica).json" }

    /// Why these changes cannot be taken by a replica of `team` whose server key is `serverKey`, or nil when every check
    /// passes: the form, the team, the binding signed by the server for this replica, and each change canonical, signed
    /// by the bound device for its author, of this replica, in one unbroken chain.
    public func problem(team expected: String, serverKey: SigningPublicKey) -> String? {
        guard format == Self.currentFormat else { return "it is a relay file of another form (\(format))" }
        guard team == expected else { return "it is from team \(team), not \(expected)" }
        guard binding.team == team, binding.replica == replica, binding.isSigned(by: serverKey) else {
            return "its device binding is not signed by this team's server for replica \(replica)"
        }
        guard binding.revokedAfter == nil else { return "the device key of replica \(replica) was revoked" }
        var previous: (counter: UInt64, body: String)?
        for body in changes {
            guard let change = try? JSONDecoder().decode(Change.self, from: Data(body.utf8)) else { return "a change cannot be read" }
            guard CanonicalJSON.text(change) == body else { return "change \(change.id) is not in its canonical form: it was edited" }
            guard change.id.replica.rawValue == replica else { return "change \(change.id) is not of replica \(replica)" }
            if let refusal = binding.refusal(of: change, at: nil) { return "change \(change.id): \(refusal)" }
            if let previous {
                guard change.id.counter == previous.counter + 1, change.prev == ChangeChain.hash(ofBody: previous.body) else {
                    return "change \(change.id) does not follow change \(replica):\(previous.counter) in its replica's chain"
                }
            } else if change.predecessor == nil, change.prev != ChangeChain.start {
                return "change \(change.id) is its replica's first but names a previous one"
            }
            previous = (change.id.counter, body)
        }
        return nil
    }
}
