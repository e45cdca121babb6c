import DossierCore

/// The edits of one record gathered from options, each built from the state the previous one left.
public struct EditPlan {
    /// The steps, in the order they were given.
    public private(set) var steps: [(RecordState) throws -> ChangeOperation] = []

    /// An empty plan.
    public init() {}

    /// True when no option asked for a change.
    public var isEmpty: Bool { steps.isEmpty }

    /// Sets a field when a value was given, superseding every value of it on screen.
    public mutating func set(_ name: String, _ value: JSONValue?) {
        guard let value else { return }
        steps.append { try Edit.set(name, to: value, in: $0) }
    }

    /// Sets a text field when the option was given.
    public mutating func set(_ name: String, text: String?) { set(name, text.map(JSONValue.string)) }

    /// Adds and removes elements of a set field.
    public mutating func adjust(_ name: String, add: [String], remove: [String]) {
        for element in add { steps.append { try Edit.add(element, to: name, in: $0) } }
        for element in remove { steps.append { try Edit.remove(element, from: name, in: $0) } }
    }

    /// Sets this author's own entry of a per-author field (a grade) when one was given.
    public mutating func mine(_ name: String, _ value: JSONValue?) {
        guard let value else { return }
        steps.append { try Edit.setMine(name, to: value, in: $0) }
    }
}

extension Replica {
    /// Applies a plan to a record in one transaction: all its changes are stored, or none; an empty plan is refused.
    @discardableResult
    public func apply(_ plan: EditPlan, to key: RecordKey) throws -> [Change] {
        guard !plan.isEmpty else { throw InputError("nothing to change", hint: "give at least one option; see --help") }
        return try edit(key, steps: plan.steps)
    }
}
