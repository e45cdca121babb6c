import DossierCore

/// The fields of a record about to be created, gathered from options, and what it still lacks.
public struct RecordDraft: Sendable {
    /// The kind of record.
    public let entity: EntityKind
    /// The values given so far, by field name.
    public private(set) var fields: [String: JSONValue] = [:]

    /// An empty draft of a kind.
    public init(_ entity: EntityKind) { self.entity = entity }

    /// Sets a field when a value was given.
    public mutating func set(_ name: String, _ value: JSONValue?) {
        if let value { fields[name] = value }
    }

    /// Sets a text field when the option was given.
    public mutating func set(_ name: String, text: String?) { set(name, text.map(JSONValue.string)) }

    /// Sets a set field's first elements, when any were given.
    public mutating func set(_ name: String, elements: [String]) {
        if !elements.isEmpty { fields[name] = .array(elements.map(JSONValue.string)) }
    }

    /// The required fields with no default that are still missing, in the field table's order.
    public var missing: [String] { Self.missing(of: entity, given: Set(fields.keys)) }

    /// The required fields with no default of a kind that are not among `given`, in the field table's order.
    public static func missing(of entity: EntityKind, given: Set<String>) -> [String] {
        FieldRules.fields(of: entity).filter { $0.required && $0.defaultValue == nil && !given.contains($0.name) }.map(\.name)
    }
}

extension Replica {
    /// Creates the drafted record; the core validates every value.
    @discardableResult
    public func create(_ draft: RecordDraft) throws -> Change {
        try create(draft.entity, fields: draft.fields)
    }
}
