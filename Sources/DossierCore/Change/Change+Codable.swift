/// A change in JSON is one flat object: the envelope plus the operation's own keys, named by `op`.
extension Change: Codable {
    enum CodingKeys: String, CodingKey {
        case id, version, author, entity, record, op
        case fields, field, value, supersedes, element, tags, claim, retracted
        case prev, sig
    }

    /// The keys every change carries (`prev` and `sig` only when signed).
    static let envelopeKeys = ["id", "version", "author", "entity", "record", "op", "prev", "sig"]

    /// The keys an operation adds to the envelope, by `op`; nil for an unknown `op`.
    static func operationKeys(_ op: String) -> [String]? {
        switch op {
        case "create": ["fields"]
        case "set", "resolve": ["field", "value", "supersedes"]
        case "add": ["field", "element"]
        case "remove": ["field", "element", "tags"]
        case "claim": ["field", "claim"]
        case "retract": ["field", "claim", "retracted"]
        case "mine": ["field", "value"]
        case "delete", "restore": ["supersedes"]
        default: nil
        }
    }

    /// The keys of a casualty claim: its coding keys, so a new member is accepted on the wire as soon as it is stored.
    static let claimKeys = CasualtyClaim.CodingKeys.allCases.map(\.rawValue)

    /// Decodes a change; an unknown `op` or a missing key is a decoding error naming it. Keys the `op` does not take
    /// are ignored here: `refuseUnknownKeys(_:)` refuses them where changes arrive from outside (a push).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(ChangeID.self, forKey: .id)
        version = try c.decode(HLC.self, forKey: .version)
        author = try c.decode(String.self, forKey: .author)
        entity = try c.decode(EntityKind.self, forKey: .entity)
        record = try c.decode(String.self, forKey: .record)
        prev = try c.decodeIfPresent(String.self, forKey: .prev)
        sig = try c.decodeIfPresent(String.self, forKey: .sig)
        let op = try c.decode(String.self, forKey: .op)
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
            operation = .addClaim(field: try c.decode(String.self, forKey: .field), claim: try c.decode(CasualtyClaim.self, forKey: .claim))
        case "retract":
            operation = .retractClaim(field: try c.decode(String.self, forKey: .field), claim: try c.decode(HLC.self, forKey: .claim),
                                      retracted: try c.decode(Bool.self, forKey: .retracted))
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

    /// Throws for a key the change's `op` (or its claim) does not take, naming it and the keys allowed;
    /// an unreadable or unknown `op` is left for `init(from:)` to report.
    static func refuseUnknownKeys(_ decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        guard let op = try? container.decode(String.self, forKey: AnyKey(stringValue: "op")), let opKeys = operationKeys(op) else { return }
        try refuse(in: container, allowed: envelopeKeys + opKeys, of: "a '\(op)' change")
        if op == "claim", let claim = try? container.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey(stringValue: "claim")) {
            try refuse(in: claim, allowed: claimKeys, of: "a claim")
        }
    }

    /// Throws for an object's unknown key (the first by name), naming it and the keys allowed.
    static func refuse(in container: KeyedDecodingContainer<AnyKey>, allowed: [String], of what: String) throws {
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
        try c.encodeIfPresent(prev, forKey: .prev)
        try c.encodeIfPresent(sig, forKey: .sig)
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
        case .addClaim(let field, let claim):
            try c.encode(field, forKey: .field)
            try c.encode(claim, forKey: .claim)
        case .retractClaim(let field, let claim, let retracted):
            try c.encode(field, forKey: .field)
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
