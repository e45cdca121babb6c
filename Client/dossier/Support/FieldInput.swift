import DossierCore
import DossierReplica
import Foundation

/// Turns command-line values into field values; the core validates them when the change is made.
struct FieldInput {
    private(set) var fields: [String: JSONValue] = [:]

    /// Sets a text-like field when the option was given.
    mutating func text(_ name: String, _ value: String?) {
        if let value { fields[name] = .string(value) }
    }

    /// Sets a set field from repeated options.
    mutating func list(_ name: String, _ values: [String]) {
        if !values.isEmpty { fields[name] = .array(values.map(JSONValue.string)) }
    }

    /// Sets the location pair; both or neither.
    mutating func location(lat: Double?, lon: Double?) throws {
        switch (lat, lon) {
        case (nil, nil): return
        case (let lat?, let lon?): fields["location"] = .object(["lat": .double(lat), "lon": .double(lon)])
        default: throw CLIError(message: "--lat and --lon go together", hint: "give both, in WGS84 degrees")
        }
    }

    /// A grade and rationale, for reliability and credibility.
    static func assessment(grade: String, rationale: String?) -> JSONValue {
        var object: [String: JSONValue] = ["grade": .string(grade.uppercased())]
        if let rationale { object["rationale"] = .string(rationale) }
        return .object(object)
    }

    /// A value typed for a field: JSON for structured fields, text otherwise.
    static func value(_ text: String, for field: String, of entity: EntityKind) -> JSONValue {
        switch FieldRules.field(field, of: entity)?.type {
        case .location?, .assessment?:
            return (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) ?? .string(text)
        case .bool?:
            return text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text)
        default:
            return .string(text)
        }
    }
}

extension Replica {
    /// Resolves a prefix to a full id of a kind.
    func id(_ prefix: String, _ entity: EntityKind) throws -> String { try resolve(prefix, as: entity).id }

    /// Resolves `ACTOR:role` with an actor id prefix.
    func actorRole(_ text: String) throws -> String {
        guard let colon = text.lastIndex(of: ":") else {
            throw CLIError(message: "'\(text)' is not ACTOR_ID:role", hint: "e.g. --actor 0191:perpetrator (roles: \(Vocabulary.actorRoles.joined(separator: ", ")))")
        }
        return try id(String(text[..<colon]), .actor) + text[colon...]
    }
}

/// Edits built from options, applied in one transaction.
struct EditPlan {
    private(set) var steps: [(RecordState) throws -> ChangeOperation] = []

    /// Sets a field when the option was given.
    mutating func set(_ name: String, _ value: JSONValue?) {
        guard let value else { return }
        steps.append { try Edit.set(name, to: value, in: $0) }
    }

    /// Sets a text field when the option was given.
    mutating func set(_ name: String, text: String?) { set(name, text.map(JSONValue.string)) }

    /// Adds and removes set elements.
    mutating func adjust(_ name: String, add: [String], remove: [String]) {
        for element in add { steps.append { try Edit.add(element, to: name, in: $0) } }
        for element in remove { steps.append { try Edit.remove(element, from: name, in: $0) } }
    }

    /// Sets this author's entry of a per-author field.
    mutating func mine(_ name: String, _ value: JSONValue?) {
        guard let value else { return }
        steps.append { try Edit.setMine(name, to: value, in: $0) }
    }

    /// Applies the plan; refuses an empty one.
    func apply(to key: RecordKey, in replica: Replica) throws {
        guard !steps.isEmpty else { throw CLIError(message: "nothing to change", hint: "give at least one option; see --help") }
        try replica.edit(key, steps: steps)
        print(key.id)
    }
}
