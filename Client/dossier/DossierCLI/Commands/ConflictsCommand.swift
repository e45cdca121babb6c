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
            print("\(conflict.record.entity.rawValue) \(short(conflict.record.id)) \(conflict.field) — \(dataset.label(of: conflict.record))")
            Output.candidates(of: conflict, indent: "  ")
        }
        Output.note("\(conflicts.count) open conflict\(conflicts.count == 1 ? "" : "s")\(conflicts.isEmpty ? "" : "; resolve with: dossier resolve ID FIELD --pick N | --value V")")
    }
}

/// `dossier resolve ID FIELD --pick N | --value V`.
struct ResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resolve",
        abstract: "Resolve a conflict with one candidate or a new value; the resolution syncs like any edit.",
        discussion: """
            For a deletion conflict (FIELD 'deleted'), pick the 'deleted' candidate (or --value deleted) to delete, \
            or the 'edited' one (or --value edited) to keep the record. A location is given as LAT,LON.
            """)
    @OptionGroup var replica: ReplicaOptions
    @Argument(help: "The record's id (a unique prefix is enough).") var id: String
    @Argument(help: "The field in conflict, as 'dossier conflicts' lists it.") var field: String
    @Option(help: "The number of the candidate to keep, as listed.") var pick: Int?
    @Option(help: "A new value instead (a location as LAT,LON, e.g. 34.5656,69.2078).") var value: String?

    func validate() throws {
        guard (pick == nil) != (value == nil) else { throw UsageError("give exactly one of --pick or --value") }
    }

    func run() throws {
        let replica = try replica.open()
        let key = try replica.resolve(id)
        try replica.resolveConflict(field, of: key, with: pick.map(ConflictChoice.pick) ?? .value(value ?? ""))
        print(key.id)
    }
}
