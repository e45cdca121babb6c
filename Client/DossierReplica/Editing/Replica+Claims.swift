import DossierCore

/// One casualty claim of a record as a researcher reviews it: retracted ones are listed too, marked.
public struct ClaimLine: Hashable, Sendable {
    /// The claim's id (the version of the change that added it), which `retract` takes.
    public var id: HLC
    /// The claim.
    public var claim: CasualtyClaim
    /// Who added it.
    public var author: String
    /// True when the claim is retracted now.
    public var retracted: Bool

    /// Creates a line.
    public init(id: HLC, claim: CasualtyClaim, author: String, retracted: Bool) {
        self.id = id
        self.claim = claim
        self.author = author
        self.retracted = retracted
    }
}

extension RecordState {
    /// Every casualty claim of the record in id order, retracted ones included, read from its typed claim sets.
    public var claimLines: [ClaimLine] {
        FieldRules.fields(of: key.entity).filter { $0.merge == .claims }.flatMap { spec -> [ClaimLine] in
            guard case .claims(let claims)? = fields[spec.name] else { return [] }
            return claims.sortedEntries.map {
                ClaimLine(id: $0.id, claim: $0.claim, author: $0.author, retracted: claims.isRetracted($0.id))
            }
        }
    }
}

extension Replica {
    /// Adds a sourced casualty claim to a record.
    @discardableResult
    public func addClaim(_ claim: CasualtyClaim, to key: RecordKey) throws -> Change {
        try edit(key) { try Edit.addClaim(claim, in: $0) }
    }

    /// Adds several claims (killed and wounded from one source) to a record in one transaction: all or none.
    @discardableResult
    public func addClaims(_ claims: [CasualtyClaim], to key: RecordKey) throws -> [Change] {
        try edit(key, steps: claims.map { claim in { try Edit.addClaim(claim, in: $0) } })
    }

    /// Retracts a claim of a record by the id `dossier show` prints (or reinstates it when `retracted` is false).
    @discardableResult
    public func retractClaim(_ id: String, of key: RecordKey, retracted: Bool = true) throws -> Change {
        guard let claim = HLC(id) else { throw InputError("'\(id)' is not a claim id", hint: "copy it from 'dossier show ID'") }
        return try edit(key) { try Edit.retract(claim, retracted: retracted, in: $0) }
    }
}
