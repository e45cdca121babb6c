/// `contested`: the latest write is shown, but writes that had not seen each other are all kept
/// as candidates of an open conflict until a write that has seen them all replaces them.
///
/// The candidates are exactly the writes no other write names in its `supersedes`; the register remembers
/// every superseded version so that the order of arrival never matters.
public struct ContestedRegister: Hashable, Sendable, Codable {
    /// The live writes, by version.
    public internal(set) var candidates: [HLC: Write] = [:]
    /// Every version some write has said it replaces.
    public internal(set) var superseded: Set<HLC> = []

    /// An empty register.
    public init() {}

    /// The merge: records what the write supersedes, then keeps it unless something already superseded it.
    public func merging(_ incoming: Write, supersedes: Set<HLC>) -> ContestedRegister {
        var next = self
        next.superseded.formUnion(supersedes)
        if !next.superseded.contains(incoming.version) {
            if let existing = next.candidates[incoming.version], !Write.precedes(existing, incoming) {
                // Same version, different content: keep the greater one, deterministically.
            } else {
                next.candidates[incoming.version] = incoming
            }
        }
        for version in supersedes { next.candidates[version] = nil }
        return next
    }

    /// The value shown: the latest candidate.
    public var winner: Write? { candidates.values.max(by: Write.precedes) }

    /// The candidates, latest first.
    public var sortedCandidates: [Write] { candidates.values.sorted(by: Write.precedes).reversed() }

    /// True when concurrent writes are waiting for someone to resolve them.
    public var isConflicted: Bool { candidates.count > 1 }
}
