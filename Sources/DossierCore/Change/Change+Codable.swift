/// A change in JSON is one flat object: the envelope plus the operation's own keys, named by `op`.
extension Change: Codable {
    enum CodingKeys: String, CodingKey {
        case id, version, author, entity, record, op
        case fields, field, value, supersedes, element, tags, claim, retracted
    }

    /// The keys every change carries.
    static let envelopeKeys = ["id", "version", "author", "entity", "record", "op"]

    /// The keys an operation adds to the envelope, by `op`; nil for an unknown `op`.
    static func operationKeys(_ op: String) -> [String]? {
        switch op {
        case "create": ["fields"]
        case "set", "resolve": ["field", "value", "supersedes"]
        case "add": ["field", "element"]
        case "remove": ["field", "element", "tags"]
        case "claim": ["claim"]
        case "retract": ["claim", "retracted"]
        case "mine": ["field", "value"]
        case "delete", "restore": ["supersedes"]
        default: nil
        }
    }

    /// The keys of a casualty claim.
    static let claimKeys = ["kind", "low", "high", "qualifier", "source", "note"]

    /// Decodes a change; an unknown `op`, a missing key or a key the `op` does not take is a decoding error naming it.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(ChangeID.self, forKey: .id)
        version = try c.decode(HLC.self, forKey: .version)
        author = try c.decode(String.self, forKey: .author)
        let entityName = try c.decode(String.self, forKey: .entity)
        guard let entity = EntityKind(rawValue: entityName) else {
            throw DecodingError.dataCorruptedError(forKey: .entity, in: c, debugDescription:
                "unknown entity '\(entityName)'; entities are \(EntityKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.entity = entity
        record = try c.decode(String.self, forKey: .record)
        let op = try c.decode(String.self, forKey: .op)
        guard let opKeys = Self.operationKeys(op) else {
            throw DecodingError.dataCorruptedError(forKey: .op, in: c, debugDescription: "unknown op '\(op)'")
        }
        try Self.refuseUnknownKeys(in: decoder.container(keyedBy: AnyKey.self), allowed: Self.envelopeKeys + opKeys,
                                   of: "a '\(op)' change")
        switch op {
        case "create":
            operation = .create(fields: try c.decode([String: JSONValue].self, forKey: .fields))
        case "set", "resolve":
            let field = try c.decode(String.self, forKey: .field)
            let value = try c.decode(JSONValue.self, forKey: .value)
            let supersedes = try c.decodeIfPresent(Set<HLC>.self, forKey: .supersedes) ?? []
            operation = op == "set" ? .set(field: field, value: value, supersedes: supersedes)
                : .resolve(field: field, value: value, supersedes: supersedes)
        case "add":
            operation = .add(field: try c.decode(String.self, forKey: .field), element: try c.decode(String.self, forKey: .element))
        case "remove":
            operation = .remove(field: try c.decode(String.self, forKey: .field),
                                element: try c.decode(String.self, forKey: .element),
                                tags: try c.decode(Set<HLC>.self, forKey: .tags))
        case "claim":
            try Self.refuseUnknownKeys(in: c.nestedContainer(keyedBy: AnyKey.self, forKey: .claim), allowed: Self.claimKeys, of: "a claim")
            operation = .addClaim(try c.decode(CasualtyClaim.self, forKey: .claim))
        case "retract":
            operation = .retractClaim(claim: try c.decode(HLC.self, forKey: .claim), retracted: try c.decode(Bool.self, forKey: .retracted))
        case "mine":
            operation = .setMine(field: try c.decode(String.self, forKey: .field), value: try c.decode(JSONValue.self, forKey: .value))
        case "delete":
            operation = .delete(supersedes: try c.decode(Set<HLC>.self, forKey: .supersedes))
        case "restore":
            operation = .restore(supersedes: try c.decode(Set<HLC>.self, forKey: .supersedes))
        default:
            throw DecodingError.dataCorruptedError(forKey: .op, in: c, debugDescription: "unknown op '\(op)'")
        }
    }

    /// Throws for an object's unknown key (the first by name), naming it and the keys allowed.
    private static func refuseUnknownKeys(in container: KeyedDecodingContainer<AnyKey>, allowed: [String], of what: String) throws {
        guard let unknown = container.allKeys.filter({ !allowed.contains($0.stringValue) }).min(by: { $0.stringValue < $1.stringValue })
        else { return }
        throw DecodingError.dataCorruptedError(forKey: unknown, in: container,
            debugDescription: "unknown key; \(what) takes only \(allowed.joined(separator: ", "))")
    }

    /// Encodes a change; version sets are sorted so equal changes encode to equal bytes.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(version, forKey: .version)
        try c.encode(author, forKey: .author)
        try c.encode(entity, forKey: .entity)
        try c.encode(record, forKey: .record)
        try c.encode(operation.name, forKey: .op)
        switch operation {
        case .create(let fields):
            try c.encode(fields, forKey: .fields)
        case .set(let field, let value, let supersedes), .resolve(let field, let value, let supersedes):
            try c.encode(field, forKey: .field)
            try c.encode(value, forKey: .value)
            try c.encode(supersedes.sorted(), forKey: .supersedes)
        case .add(let field, let element):
            try c.encode(field, forKey: .field)
            try c.encode(element, forKey: .element)
        case .remove(let field, let element, let tags):
            try c.encode(field, forKey: .field)
            try c.encode(element, forKey: .element)
            try c.encode(tags.sorted(), forKey: .tags)
        case .addClaim(let claim):
            try c.encode(claim, forKey: .claim)
        case .retractClaim(let claim, let retracted):
            try c.encode(claim, forKey: .claim)
            try c.encode(retracted, forKey: .retracted)
        case .setMine(let field, let value):
            try c.encode(field, forKey: .field)
            try c.encode(value, forKey: .value)
        case .delete(let supersedes), .restore(let supersedes):
            try c.encode(supersedes.sorted(), forKey: .supersedes)
        }
    }
}

/// Any key of a JSON object, to list the keys a change carries.
private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
