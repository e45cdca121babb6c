import Foundation

/// `claims`: an append-only set of sourced claims. A claim is never erased; its `retracted` flag is `lww`.
public struct ClaimSet: MergeRule {
    public static let kind = MergeKind.claims

    /// A claim with who made it.
    public struct Entry: Hashable, Sendable {
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
        if let existing = claims[id], CanonicalJSON.encode(existing.claim).lexicographicallyPrecedes(CanonicalJSON.encode(claim)) == false {
            return self
        }
        next.claims[id] = Entry(id: id, claim: claim, author: author)
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

    public static func validateCreated(_ value: JSONValue, spec: FieldSpec) throws {
        throw ValidationError(field: spec.name, rule: "claims are added one at a time after creation")
    }

    public static func validate(_ operation: ChangeOperation, spec: FieldSpec) throws {
        switch operation {
        case .addClaim(_, let claim): try check(claim, field: spec.name)
        case .retractClaim: break
        default: throw refuse(operation, spec: spec)
        }
    }

    /// Checks a casualty claim: vocabulary, figures ≥ 0, low ≤ high, exact means low = high.
    public static func check(_ claim: CasualtyClaim, field: String) throws {
        func fail(_ member: String, _ rule: String) -> ValidationError { ValidationError(field: "\(field).\(member)", rule: rule) }
        guard Vocabulary.casualtyKinds.contains(claim.kind) else { throw fail("kind", "must be killed or wounded") }
        guard claim.low >= 0 else { throw fail("low", "must be 0 or more") }
        guard claim.high >= 0 else { throw fail("high", "must be 0 or more") }
        guard claim.low <= claim.high else { throw fail("low", "must not be greater than high") }
        guard Vocabulary.qualifiers.contains(claim.qualifier) else { throw fail("qualifier", "must be one of: exact, at_least, approx") }
        guard claim.qualifier != "exact" || claim.low == claim.high else {
            throw fail("high", "must equal low for an exact figure (use --qualifier approx for a range)")
        }
        guard RecordID.isValid(claim.source) else { throw fail("source", "must be a source id") }
        if let note = claim.note { try Validator.checkText(note, field: "\(field).note") }
        if let asOf = claim.asOf, PartialDate(asOf) == nil { throw fail("as_of", "must be a date YYYY, YYYY-MM or YYYY-MM-DD") }
    }

    /// Claims are never part of a creation.
    public func created(_ value: JSONValue, version: HLC, author: String) -> ClaimSet { self }

    public func applying(_ operation: ChangeOperation, version: HLC, author: String) -> ClaimSet {
        switch operation {
        case .addClaim(_, let claim): adding(claim, id: version, author: author)
        case .retractClaim(_, let id, let flag): retracting(id, Write(value: .bool(flag), version: version, author: author))
        default: self
        }
    }

    /// Each claim as JSON, with its id, author and retraction flag.
    public var currentValue: JSONValue {
        .array(sortedEntries.map { entry in
            var object = Self.json(entry.claim)
            object["id"] = .string(entry.id.description)
            object["author"] = .string(entry.author)
            object["retracted"] = .bool(isRetracted(entry.id))
            return .object(object)
        })
    }

    public func pack(into writer: inout PackedWriter) {
        writer.count(claims.count)
        for entry in claims.values {
            writer.hlc(entry.id); writer.string(entry.author)
            writer.string(entry.claim.kind); writer.int(entry.claim.low); writer.int(entry.claim.high)
            writer.string(entry.claim.qualifier); writer.string(entry.claim.source)
            // One byte of which optional members follow: bit 0 the note, bit 1 as_of (states packed before as_of hold 0 or 1).
            writer.byte((entry.claim.note != nil ? 1 : 0) | (entry.claim.asOf != nil ? 2 : 0))
            if let note = entry.claim.note { writer.string(note) }
            if let asOf = entry.claim.asOf { writer.string(asOf) }
        }
        writer.count(retractions.count)
        for (id, register) in retractions { writer.hlc(id); writer.write(register.winner) }
    }

    public init(unpacking reader: inout PackedReader) throws {
        for _ in 0..<(try reader.count()) {
            let id = try reader.hlc(), author = try reader.string()
            var claim = CasualtyClaim(kind: try reader.string(), low: try reader.int(), high: try reader.int(),
                                      qualifier: try reader.string(), source: try reader.string())
            let optionals = try reader.byte()
            guard optionals < 4 else { throw PackedError("a claim's optional members byte is \(optionals)") }
            if optionals & 1 != 0 { claim.note = try reader.string() }
            if optionals & 2 != 0 { claim.asOf = try reader.string() }
            claims[id] = Entry(id: id, claim: claim, author: author)
        }
        for _ in 0..<(try reader.count()) {
            let id = try reader.hlc()
            retractions[id] = LWWRegister(winner: try reader.write())
        }
    }

    public var json: [String: JSONValue] {
        let entries = sortedEntries.map { entry -> JSONValue in
            .object(["id": .string(entry.id.description), "author": .string(entry.author), "claim": .object(Self.json(entry.claim))])
        }
        let flags = Dictionary(uniqueKeysWithValues: retractions.map { ($0.key.description, Write.json($0.value.winner)) })
        return ["claims": .array(entries), "retractions": .object(flags)]
    }

    public init(json: [String: JSONValue]) throws {
        guard case .array(let entries)? = json["claims"] else { throw StateJSONError("a claims field needs claims") }
        for entry in entries {
            guard let object = entry.objectValue, let id = try HLC.json(object["id"]), let author = object["author"]?.stringValue,
                  let claim = object["claim"] else { throw StateJSONError("a claim needs id, author and claim") }
            claims[id] = Entry(id: id, claim: try JSONDecoder().decode(CasualtyClaim.self, from: CanonicalJSON.encode(claim)), author: author)
        }
        for (id, flag) in json["retractions"]?.objectValue ?? [:] {
            guard let version = HLC(id) else { throw StateJSONError("'\(id)' is not a claim id") }
            retractions[version] = LWWRegister(winner: try Write.optional(flag))
        }
    }

    public var fieldState: FieldState { .claims(self) }

    private static func json(_ claim: CasualtyClaim) -> [String: JSONValue] {
        var object: [String: JSONValue] = ["kind": .string(claim.kind), "low": .int(claim.low), "high": .int(claim.high),
                                           "qualifier": .string(claim.qualifier), "source": .string(claim.source),
                                           "note": claim.note.map(JSONValue.string) ?? .null]
        if let asOf = claim.asOf { object["as_of"] = .string(asOf) }
        return object
    }
}

extension Edit {
    /// Adds a sourced casualty claim to a claims field.
    public static func addClaim(_ claim: CasualtyClaim, to field: String? = nil, in state: RecordState) throws -> ChangeOperation {
        try requireAlive(state)
        return .addClaim(field: try claimsField(field, of: state), claim: claim)
    }

    /// Retracts a claim of the record (or reinstates it when `retracted` is false).
    public static func retract(_ claim: HLC, retracted: Bool = true, of field: String? = nil, in state: RecordState) throws -> ChangeOperation {
        try requireAlive(state)
        let field = try claimsField(field, of: state)
        guard case .claims(let claims)? = state.fields[field], claims.claims[claim] != nil else {
            throw Refusal(description: "the record has no claim \(claim)")
        }
        return .retractClaim(field: field, claim: claim, retracted: retracted)
    }

    /// The field named, or the entity's claims field.
    private static func claimsField(_ field: String?, of state: RecordState) throws -> String {
        if let field { return field }
        guard let name = FieldRules.fields(of: state.key.entity, merging: .claims).first?.name else {
            throw Refusal(description: "a \(state.key.entity.rawValue) holds no claims")
        }
        return name
    }
}
