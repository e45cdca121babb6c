import DossierCore
import DossierTrust

/// Checks changes one by one against the team's device bindings (SPEC §8.2): a signed change must be signed by the device
/// the server bound to its author, not after its revocation, and name its replica's previous change as it was signed; an
/// unsigned change is taken only from a replica that has no device key (a client without one, such as a script).
struct SignatureCheck {
    /// The bindings, by replica id.
    var bindings: [String: DeviceBinding]
    /// How many signed changes verified.
    private(set) var signed = 0
    /// How many unsigned changes from replicas without a key were taken.
    private(set) var unsigned = 0
    /// Whether a signed change's predecessor must be found (a whole log from its start holds every one).
    var requirePredecessor = false

    /// Why `change` (stored as `body`, at log position `seq` when known) does not verify, or nil when it does;
    /// `previous` finds the stored body of its replica's previous change, when held.
    mutating func problem(with change: Change, body: String, at seq: Int64?, previous: (ChangeID) throws -> String?) rethrows -> String? {
        let replicaID = change.id.replica.rawValue
        // Every side stores a change as its canonical JSON; any other form was edited after it was made.
        guard CanonicalJSON.text(change) == body else { return "its stored form is not its canonical JSON: it was edited" }
        guard change.sig != nil else {
            if bindings[replicaID] != nil { return "it carries no signature, but replica \(replicaID) signs its changes" }
            unsigned += 1
            return nil
        }
        guard let binding = bindings[replicaID] else { return "no device key is bound to replica \(replicaID)" }
        if let refusal = binding.refusal(of: change, at: seq) { return refusal }
        if let predecessor = change.predecessor {
            let body = try previous(predecessor)
            if let body, change.prev != ChangeChain.hash(ofBody: body) {
                return "it does not name its replica's previous change (\(predecessor)) as that change is stored"
            }
            if body == nil, requirePredecessor { return "its replica's previous change (\(predecessor)) is not in the log before it" }
        } else if change.prev != ChangeChain.start {
            return "it is its replica's first change but names a previous one"
        }
        signed += 1
        return nil
    }
}
