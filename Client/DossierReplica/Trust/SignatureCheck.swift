import DossierCore
import DossierTrust
import Foundation

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
    /// Whether a stored body must be its change's canonical JSON (an audit's check; at sync the log's chain already binds
    /// the bytes received, and the signature their meaning).
    var requireCanonical = true

    /// Why `change` (stored as `body`, at log position `seq` when known) does not verify, or nil when it does;
    /// `previous` finds the stored body of its replica's previous change, when held.
    /// `verdict` is the change's signature check when it was made ahead (`signatureProblem`, in parallel).
    mutating func problem(with change: Change, body: String, at seq: Int64?, verdict: String?? = nil,
                          previous: (ChangeID) throws -> String?) rethrows -> String? {
        let replicaID = change.id.replica.rawValue
        // Every side stores a change as its canonical JSON; any other form was edited after it was made.
        if requireCanonical, CanonicalJSON.text(change) != body { return "its stored form is not its canonical JSON: it was edited" }
        guard change.sig != nil else {
            if bindings[replicaID] != nil { return "it carries no signature, but replica \(replicaID) signs its changes" }
            unsigned += 1
            return nil
        }
        guard bindings[replicaID] != nil else { return "no device key is bound to replica \(replicaID)" }
        if let refusal = verdict ?? Self.signatureProblem(of: change, at: seq, bindings: bindings) { return refusal }
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

    /// Why a signed change's signature or author does not verify under its replica's binding (nil when it does, or when
    /// it is unsigned or its replica unbound, which `problem` reports).
    static func signatureProblem(of change: Change, at seq: Int64?, bindings: [String: DeviceBinding]) -> String? {
        guard change.sig != nil, let binding = bindings[change.id.replica.rawValue] else { return nil }
        return binding.refusal(of: change, at: seq)
    }

    /// The signature checks of a page's changes (at positions from `first`), split over the cores.
    static func signatureProblems(of changes: [Change], first: Int64, bindings: [String: DeviceBinding]) -> [String?] {
        let results = ProblemSlots(count: changes.count)
        SplitOverCores.forEachRange(of: changes.count) { range in
            for index in range {
                results.set(index, signatureProblem(of: changes[index], at: first + Int64(index), bindings: bindings))
            }
        }
        return results.values
    }
}

/// Results written by parallel workers, each to its own index.
private final class ProblemSlots: @unchecked Sendable {
    private var slots: [String?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: String?) { lock.withLock { slots[index] = value } }

    var values: [String?] { lock.withLock { slots } }
}
