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
    /// Long text fields read from a file (`-` for standard input) by field name and option; nil when not given.
    var textFiles: [(field: String, option: String, path: String?)] { get }
}

extension FieldOptions {
    /// No field other than text, unless the entity says so.
    func typedValues() throws -> [(field: String, value: JSONValue)] { [] }

    /// No text from files, unless the entity has long texts.
    var textFiles: [(field: String, option: String, path: String?)] { [] }

    /// Every field given, typed, in option order; texts from files last.
    func values() throws -> [(field: String, value: JSONValue)] {
        let files = try textFiles.compactMap { entry in
            try entry.path.map { (entry.field, JSONValue.string(try LongText.read($0, option: entry.option))) }
        }
        return texts.compactMap { entry in entry.text.map { (entry.field, JSONValue.string($0)) } } + (try typedValues()) + files
    }

    /// A usage error when a field is given both as text and as a file.
    func refuseTextAndFile() throws {
        for file in textFiles where file.path != nil && texts.contains(where: { $0.field == file.field && $0.text != nil }) {
            throw UsageError("give \(file.option) or --\(file.field.replacingOccurrences(of: "_", with: "-")), not both")
        }
    }

    /// A usage error (exit 2) naming the options a new record still needs; `extra` names fields given by other options.
    func requireForNewRecord(alsoGiven extra: Set<String> = []) throws {
        let given = Set(texts.filter { $0.text != nil }.map(\.field) + textFiles.filter { $0.path != nil }.map(\.field)).union(extra)
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
