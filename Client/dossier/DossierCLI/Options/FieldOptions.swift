import ArgumentParser
import DossierCore
import DossierReplica

/// The options of one entity's own fields, shared by its `add` and `edit` (all optional; `add` checks the required ones).
protocol FieldOptions: ParsableArguments {
    /// The kind of record the fields belong to.
    static var entity: EntityKind { get }
    /// Each text field's value by field name, in option order; nil when the option was not given.
    var texts: [(field: String, text: String?)] { get }
    /// The fields that are not plain text (a location), typed; throws on a malformed value.
    func typedValues() throws -> [(field: String, value: JSONValue)]
}

extension FieldOptions {
    /// No field other than text, unless the entity says so.
    func typedValues() throws -> [(field: String, value: JSONValue)] { [] }

    /// Every field given, typed, in option order.
    func values() throws -> [(field: String, value: JSONValue)] {
        texts.compactMap { entry in entry.text.map { (entry.field, JSONValue.string($0)) } } + (try typedValues())
    }

    /// A usage error (exit 2) naming the options a new record still needs; `extra` names fields given by other options.
    func requireForNewRecord(alsoGiven extra: Set<String> = []) throws {
        let given = Set(texts.filter { $0.text != nil }.map(\.field)).union(extra)
        let missing = RecordDraft.missing(of: Self.entity, given: given)
        guard !missing.isEmpty else { return }
        let options = missing.map { "--" + $0.replacingOccurrences(of: "_", with: "-") }
        throw UsageError("a new \(Self.entity.rawValue) needs \(options.joined(separator: ", "))")
    }

    /// A draft of a new record holding the fields given.
    func draft() throws -> RecordDraft {
        var draft = RecordDraft(Self.entity)
        for (field, value) in try values() { draft.set(field, value) }
        return draft
    }

    /// Adds a step setting each field given to a plan.
    func plan(into plan: inout EditPlan) throws {
        for (field, value) in try values() { plan.set(field, value) }
    }
}
