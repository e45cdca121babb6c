import ArgumentParser
import DossierCore
import DossierReplica

/// `dossier actor add|edit`.
struct ActorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "actor", abstract: "Record and edit actors (groups, people, states…).",
                                                    subcommands: [Add.self, Edit.self])

    /// `dossier actor add`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an actor; prints its id on the last line.",
                                                        usage: "dossier actor add --name <name> --kind <kind> [<options>]")
        @OptionGroup var replica: ReplicaOptions
        @OptionGroup(title: "Actor fields") var fields: ActorFields
        @Option(name: .customLong("alias"), help: "Another name (repeatable): IS-K, ISKP…") var aliases: [String] = []

        func validate() throws { try fields.requireForNewRecord() }

        func run() throws {
            var draft = try fields.draft()
            draft.set("aliases", elements: aliases)
            print(try replica.open().create(draft).record)
        }
    }

    /// `dossier actor edit ID`.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change an actor's fields or aliases.")
        @OptionGroup var replica: ReplicaOptions
        @Argument(help: "The actor's id (a unique prefix is enough).") var id: String
        @OptionGroup(title: "Actor fields") var fields: ActorFields
        @Option(name: .customLong("add-alias"), help: "Add another name (repeatable).") var addAliases: [String] = []
        @Option(name: .customLong("remove-alias"), help: "Remove a name (repeatable).") var removeAliases: [String] = []

        func run() throws {
            let replica = try replica.open()
            var plan = EditPlan()
            try fields.plan(into: &plan)
            plan.adjust("aliases", add: addAliases, remove: removeAliases)
            let key = try replica.resolve(id, as: .actor)
            try replica.apply(plan, to: key)
            print(key.id)
        }
    }
}
