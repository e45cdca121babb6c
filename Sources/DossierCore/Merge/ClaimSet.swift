/// `claims`: an append-only set of sourced claims. A claim is never erased; its `retracted` flag is `lww`.
public struct ClaimSet: Hashable, Sendable, Codable {
    /// A claim with who made it.
    public struct Entry: Hashable, Sendable, Codable {
        /// The claim's id (the version of the change that added it).
        public var id: HLC
        /// The claim.
        public var claim: CasualtyClaim
        /// Who added it.
        public var author: String
    }

    /// Claims by id.
    public internal(set) var claims: [HLC: Entry] = [:]
    /// The retraction flag of each claim, by claim id.
    public internal(set) var retractions: [HLC: LWWRegister] = [:]

    /// An empty set.
    public init() {}

    /// The merge of a new claim (a duplicate id keeps the greater content, deterministically).
    public func adding(_ claim: CasualtyClaim, id: HLC, author: String) -> ClaimSet {
        var next = self
        let entry = Entry(id: id, claim: claim, author: author)
        if let existing = claims[id], CanonicalJSON.encode(existing.claim).lexicographicallyPrecedes(CanonicalJSON.encode(claim)) == false {
            return self
        }
        next.claims[id] = entry
        return next
    }

    /// The merge of a retraction flag.
    public func retracting(_ id: HLC, _ flag: Write) -> ClaimSet {
        var next = self
        next.retractions[id] = (retractions[id] ?? LWWRegister()).merging(flag)
        return next
    }

    /// Whether a claim is retracted now.
    public func isRetracted(_ id: HLC) -> Bool {
        retractions[id]?.winner?.value.boolValue ?? false
    }

    /// All claims in id order, retracted ones included.
    public var sortedEntries: [Entry] { claims.values.sorted { $0.id < $1.id } }

    /// The claims in force (not retracted), in id order.
    public var activeEntries: [Entry] { sortedEntries.filter { !isRetracted($0.id) } }
}
