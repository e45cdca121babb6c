/// `set`: an observed-remove set where an add and a concurrent remove leave the element present.
///
/// Every add is tagged with its change's version; a remove names the add tags it had seen, so an add it
/// had not seen survives.
public struct AddWinsSet: MergeRule {
    public static let kind = MergeKind.set

    /// Add tags by element.
    public internal(set) var adds: [String: Set<HLC>] = [:]
    /// Removed add tags by element.
    public internal(set) var removed: [String: Set<HLC>] = [:]

    /// An empty set.
    public init() {}

    /// The merge of an add.
    public func adding(_ element: String, tag: HLC) -> AddWinsSet {
        var next = self
        next.adds[element, default: []].insert(tag)
        return next
    }

    /// The merge of a remove of the adds it had seen.
    public func removing(_ element: String, tags: Set<HLC>) -> AddWinsSet {
        var next = self
        next.removed[element, default: []].formUnion(tags)
        return next
    }

    /// The add tags of an element still in force.
    public func liveTags(of element: String) -> Set<HLC> {
        (adds[element] ?? []).subtracting(removed[element] ?? [])
    }

    /// The elements present, sorted.
    public var elements: [String] {
        adds.keys.filter { !liveTags(of: $0).isEmpty }.sorted()
    }

    public static func validateCreated(_ value: JSONValue, spec: FieldSpec) throws {
        guard case .array(let elements) = value else { throw ValidationError(field: spec.name, rule: "must be a list") }
        for element in elements { try Validator.check(element, as: spec.type, field: spec.name) }
    }

    public static func validate(_ operation: ChangeOperation, spec: FieldSpec) throws {
        switch operation {
        case .add(_, let element), .remove(_, let element, _): try Validator.check(.string(element), as: spec.type, field: spec.name)
        default: throw refuse(operation, spec: spec)
        }
    }

    public func created(_ value: JSONValue, version: HLC, author: String) -> AddWinsSet {
        guard case .array(let elements) = value else { return self }
        return elements.compactMap(\.stringValue).reduce(self) { $0.adding($1, tag: version) }
    }

    public func applying(_ operation: ChangeOperation, version: HLC, author: String) -> AddWinsSet {
        switch operation {
        case .add(_, let element): adding(element, tag: version)
        case .remove(_, let element, let tags): removing(element, tags: tags)
        default: self
        }
    }

    public var currentValue: JSONValue { .array(elements.map(JSONValue.string)) }

    public func pack(into writer: inout PackedWriter) {
        for side in [adds, removed] {
            writer.count(side.count)
            for (element, tags) in side { writer.string(element); writer.hlcs(tags) }
        }
    }

    public init(unpacking reader: inout PackedReader) throws {
        for _ in 0..<(try reader.count()) { adds[try reader.string()] = try reader.hlcs() }
        for _ in 0..<(try reader.count()) { removed[try reader.string()] = try reader.hlcs() }
    }

    public var json: [String: JSONValue] {
        ["adds": .object(adds.mapValues(HLC.json)), "removed": .object(removed.mapValues(HLC.json))]
    }

    public init(json: [String: JSONValue]) throws {
        adds = try (json["adds"]?.objectValue ?? [:]).mapValues(HLC.set)
        removed = try (json["removed"]?.objectValue ?? [:]).mapValues(HLC.set)
    }

    public var fieldState: FieldState { .set(self) }
}

extension Edit {
    /// Adds an element to a set field.
    public static func add(_ element: String, to field: String, in state: RecordState) throws -> ChangeOperation {
        try requireAlive(state)
        return .add(field: field, element: element)
    }

    /// Removes an element from a set field: the adds of it this replica has seen.
    public static func remove(_ element: String, from field: String, in state: RecordState) throws -> ChangeOperation {
        try requireAlive(state)
        guard case .set(let set)? = state.fields[field], !set.liveTags(of: element).isEmpty else {
            throw Refusal(description: "'\(element)' is not in \(field)")
        }
        return .remove(field: field, element: element, tags: set.adds[element] ?? [])
    }
}
