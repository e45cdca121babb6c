import ArgumentParser
import DossierCore
import DossierReplica

/// `dossier conflicts`.
struct ConflictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "conflicts",
        abstract: "List every open conflict: the record, the field, and each candidate with author, replica and time.")
    @OptionGroup var replica: ReplicaOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let dataset = try replica.open().dataset()
        let conflicts = dataset.conflicts
        if output.json { return Output.json(conflicts) }
        let short = ShortID(dataset.records.keys.map(\.id))
        for conflict in conflicts {
            let label = dataset[conflict.record].map { RecordView($0, in: dataset).label } ?? ""
            print("\(conflict.record.entity.rawValue) \(short(conflict.record.id)) \(conflict.field) — \(label)")
            for (index, candidate) in conflict.candidates.enumerated() {
                print("  [\(index + 1)] \(Output.text(candidate.value))  — \(candidate.author) on \(candidate.replica), \(candidate.version.date)")
            }
        }
        Output.note("\(conflicts.count) open conflict\(conflicts.count == 1 ? "" : "s")\(conflicts.isEmpty ? "" : "; resolve with: dossier resolve ID FIELD --pick N | --value V")")
    }
}

/// `dossier resolve ID FIELD --pick N | --value V`.
struct ResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resolve",
        abstract: "Resolve a conflict with one candidate or a new value; the resolution syncs like any edit.",
        discussion: "For a deletion conflict (FIELD 'deleted'), pick the 'deleted' candidate to delete or the 'edited' one to keep the record.")
    @OptionGroup var replica: ReplicaOptions
    @Argument(help: "The record's id (a unique prefix is enough).") var id: String
    @Argument(help: "The field in conflict, as 'dossier conflicts' lists it.") var field: String
    @Option(help: "The number of the candidate to keep, as listed.") var pick: Int?
    @Option(help: "A new value instead.") var value: String?

    func validate() throws {
        guard (pick == nil) != (value == nil) else { throw UsageError("give exactly one of --pick or --value") }
    }

    func run() throws {
        let replica = try replica.open()
        let key = try replica.resolve(id)
        guard let state = try replica.record(key), let conflict = state.conflicts.first(where: { $0.field == field }) else {
            throw ReplicaError.refused("\(field) has no open conflict on this record")
        }
        var chosen: JSONValue
        if let pick {
            guard conflict.candidates.indices.contains(pick - 1) else {
                throw CLIError(message: "there is no candidate \(pick)", hint: "pick 1 to \(conflict.candidates.count); see 'dossier conflicts'")
            }
            chosen = conflict.candidates[pick - 1].value
        } else {
            chosen = FieldInput.value(value ?? "", for: field, of: key.entity)
        }
        if field == Conflict.deletionField {
            try replica.edit(key) { chosen == "deleted" ? try Edit.delete($0) : try Edit.restore($0) }
        } else {
            try replica.edit(key) { try Edit.resolve(field, to: chosen, in: $0) }
        }
        print(key.id)
    }
}
