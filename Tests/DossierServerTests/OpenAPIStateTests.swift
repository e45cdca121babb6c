import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// Keeps the snapshot's state JSON in `Schema/openapi.yaml` true to `RecordState.json` and each merge rule's `json`.
@Suite struct OpenAPIStateTests {

    /// Each merge kind's `FieldState.json` has exactly the members (and required members) its schema documents.
    @Test func everyMergeKindsStateHasTheMembersOpenAPIDocuments() throws {
        let spec = try SpecOutline(lines: OpenAPITests.specLines())
        let states = try Self.fieldStatesByKind()
        #expect(Set(states.keys) == Set(MergeKind.allCases), "the example records lack a merge kind")
        let mapping = Dictionary(spec.entries(under: Self.schemas + ["FieldState", "discriminator", "mapping"]),
                                 uniquingKeysWith: { first, _ in first })
        for kind in MergeKind.allCases {
            guard let state = states[kind] else { continue }
            guard let name = mapping[kind.rawValue]?.split(separator: "/").last.map(String.init) else {
                Issue.record("FieldState's discriminator mapping has no '\(kind.rawValue)'")
                continue
            }
            let schema = Self.schemas + [name]
            #expect(spec.value(at: schema + ["properties", "kind", "const"]) == kind.rawValue, "\(name)'s kind is not const \(kind.rawValue)")
            Self.compare(state.json, with: spec, at: schema, "\(kind.rawValue) (\(name))")
        }
    }

    /// The members nested in the kinds' states: writes, claim entries and the claims themselves.
    @Test func theWritesAndClaimsInsideStatesHaveTheMembersOpenAPIDocuments() throws {
        let spec = try SpecOutline(lines: OpenAPITests.specLines())
        let states = try Self.fieldStatesByKind()
        func member(_ kind: MergeKind, _ name: String) -> JSONValue? { states[kind]?.json.objectValue?[name] }
        let write = Self.schemas + ["Write"]
        let nested: [(String, JSONValue?, [String])] = [
            ("immutable write", member(.immutable, "write"), write),
            ("lww winner", member(.lww, "winner"), write),
            ("contested candidate", Self.first(member(.contested, "candidates")), write),
            ("claims retraction", Self.first(member(.claims, "retractions")), write),
            ("per-author entry", Self.first(member(.perAuthor, "entries")), write),
            ("claim entry", Self.first(member(.claims, "claims")), Self.schemas + ["ClaimsState", "properties", "claims", "items"]),
            ("casualty claim", Self.first(member(.claims, "claims"))?.objectValue?["claim"], Self.schemas + ["CasualtyClaim"]),
        ]
        for (what, json, path) in nested {
            guard let json else { Issue.record("the example states hold no \(what)"); continue }
            Self.compare(json, with: spec, at: path, what, requiredToo: what != "casualty claim")
        }
    }

    /// `RecordState.json` and its creation, edits and deletions have exactly the members documented.
    @Test func recordStateHasTheMembersOpenAPIDocuments() throws {
        let spec = try SpecOutline(lines: OpenAPITests.specLines())
        let records = try Self.exampleRecords()
        let state = try #require(records.first { !$0.deletions.isEmpty && !$0.restored.isEmpty && $0.creation != nil })
        let json = state.json
        let record = Self.schemas + ["RecordState"]
        Self.compare(json, with: spec, at: record, "RecordState")
        let parts: [(String, JSONValue?, [String])] = [
            ("creation", json.objectValue?["creation"], record + ["properties", "creation"]),
            ("edit", Self.first(json.objectValue?["edits"]), record + ["properties", "edits", "items"]),
            ("deletion", Self.first(json.objectValue?["deletions"]), record + ["properties", "deletions", "items"]),
        ]
        for (what, part, path) in parts {
            guard let part else { Issue.record("the example record has no \(what)"); continue }
            Self.compare(part, with: spec, at: path, "RecordState's \(what)")
        }
    }

    // MARK: - Comparing

    /// The path of the document's schemas.
    static let schemas = ["components", "schemas"]

    /// Expects an object's member names to be the schema's `properties` (and, unless told, its `required` list).
    static func compare(_ json: JSONValue, with spec: SpecOutline, at path: [String], _ what: String, requiredToo: Bool = true) {
        guard let object = json.objectValue else { Issue.record("\(what) is not a JSON object: \(json.canonicalText)"); return }
        let code = Set(object.keys)
        let documented = Set(spec.entries(under: path + ["properties"]).map(\.key))
        #expect(code == documented, """
            \(what): members in the code but not in Schema/openapi.yaml: \(code.subtracting(documented).sorted()); \
            documented but not in the code: \(documented.subtracting(code).sorted())
            """)
        if requiredToo {
            #expect(Set(spec.list(at: path + ["required"])) == code, "\(what): `required` is not every member the code writes")
        }
    }

    /// The first element of an array, or the first member (by name) of an object.
    static func first(_ json: JSONValue?) -> JSONValue? {
        switch json {
        case .array(let items)?: items.first
        case .object(let members)?: members.min { $0.key < $1.key }?.value
        default: nil
        }
    }

    // MARK: - Example states, through real changes

    /// One field state per merge kind, from the example records (the one with the most JSON, so that its maps are filled).
    static func fieldStatesByKind() throws -> [MergeKind: FieldState] {
        var states: [MergeKind: FieldState] = [:]
        for record in try exampleRecords() {
            for state in record.fields.values where (states[state.kind]?.json.canonicalText.count ?? -1) < state.json.canonicalText.count {
                states[state.kind] = state
            }
        }
        return states
    }

    /// A graded source, a quote, an incident (coordinates, a retracted claim dated as of a day, a removed tag, deleted and restored), a note.
    static func exampleRecords() throws -> [RecordState] {
        var amina = Researcher("amina", replica: "a1")
        var bilal = Researcher("bilal", replica: "b2", millis: 1_700_000_000_500)
        let source = try amina.make(.create(fields: Seed.sourceFields), on: RecordKey(entity: .source, id: amina.newID()))
        _ = try amina.make(.setMine(field: "reliability", value: ["grade": "B", "rationale": "established outlet"]), on: source.key)
        let graded = try bilal.make(.setMine(field: "reliability", value: ["grade": "C"]), on: source.key)
        amina.dataset.apply(graded)
        var quote = Seed.quoteFields
        quote["source"] = .string(source.record)
        _ = try amina.make(.create(fields: quote), on: RecordKey(entity: .quote, id: amina.newID()))
        let incident = try amina.incident().key
        _ = try amina.set("location", ["lat": 34.5656, "lon": 69.2078], on: incident)
        let claim = try amina.make(.addClaim(field: "casualties", claim: CasualtyClaim(kind: "killed", low: 170, high: 185,
                                                                                      qualifier: "approx", source: source.record,
                                                                                      asOf: "2021-08-27")), on: incident)
        _ = try amina.make(.retractClaim(field: "casualties", claim: claim.version, retracted: true), on: incident)
        _ = try amina.make(try Edit.remove("airport", from: "tags", in: try #require(amina.dataset[incident])), on: incident)
        _ = try amina.make(try Edit.delete(try #require(amina.dataset[incident])), on: incident)
        _ = try amina.make(try Edit.restore(try #require(amina.dataset[incident])), on: incident)
        _ = try amina.make(.create(fields: ["target": .string(incident.id), "kind": "question", "body": "Which gate?",
                                        "credibility": ["grade": "B"], "tags": ["gates"], "resolved": false]),
                       on: RecordKey(entity: .annotation, id: amina.newID()))
        return amina.dataset.records.keys.sorted().compactMap { amina.dataset[$0] }
    }
}

/// The `key:` lines of `Schema/openapi.yaml` by their path of keys, read by indentation (list items skipped).
struct SpecOutline {
    /// Each key line: the keys from the top down to it, and the text after its colon (quotes removed).
    let lines: [(path: [String], value: String)]

    /// Reads the lines of a file.
    init(lines text: [String]) {
        let quotes = CharacterSet(charactersIn: "'\"")
        var stack: [(indent: Int, key: String)] = []
        var lines: [(path: [String], value: String)] = []
        for line in text {
            guard let indent = OpenAPITests.indentation(of: line) else { continue }
            while let last = stack.last, last.indent >= indent { stack.removeLast() }
            let rest = line.dropFirst(indent)
            guard !rest.hasPrefix("-") else { continue }
            let key: Substring, value: Substring
            if let colon = rest.range(of: ": ") {
                (key, value) = (rest[..<colon.lowerBound], rest[colon.upperBound...])
            } else if rest.hasSuffix(":") {
                (key, value) = (rest.dropLast(), "")
            } else {
                continue
            }
            let name = key.trimmingCharacters(in: quotes)
            lines.append((stack.map(\.key) + [name], value.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: quotes)))
            stack.append((indent, name))
        }
        self.lines = lines
    }

    /// The keys directly under a path, with their values, in file order.
    func entries(under path: [String]) -> [(key: String, value: String)] {
        lines.filter { $0.path.count == path.count + 1 && $0.path.starts(with: path) }.map { ($0.path.last!, $0.value) }
    }

    /// The text after the colon of the key at a path.
    func value(at path: [String]) -> String? {
        lines.first { $0.path == path }?.value
    }

    /// The items of a flow list (`[a, b]`) at a path.
    func list(at path: [String]) -> [String] {
        guard let value = value(at: path), value.hasPrefix("["), value.hasSuffix("]") else { return [] }
        return value.dropFirst().dropLast().split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " '\"")) }
    }
}
