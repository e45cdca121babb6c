import ArgumentParser
import DossierCore
import DossierReplica

/// `dossier actor add|edit`.
struct ActorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "actor", abstract: "Record and edit actors (groups, people, states…).",
                                                    subcommands: [Add.self, Edit.self])

    /// `dossier actor add`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an actor; prints its id on the last line.")
        @OptionGroup var replica: ReplicaOptions
        @Option(help: "The name most sources use.") var name: String
        @Option(help: "organisation, person, state, community, media or international_org.") var kind: String
        @Option(name: .customLong("alias"), help: "Another name (repeatable): IS-K, ISKP…") var aliases: [String] = []
        @Option(help: "A short description.") var description: String?

        func run() throws {
            var input = FieldInput()
            input.text("name", name)
            input.text("kind", kind)
            input.list("aliases", aliases)
            input.text("description", description)
            print(try replica.open().create(.actor, fields: input.fields).record)
        }
    }

    /// `dossier actor edit ID`.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change an actor's fields or aliases.")
        @OptionGroup var replica: ReplicaOptions
        @Argument(help: "The actor's id (a unique prefix is enough).") var id: String
        @Option var name: String?
        @Option var kind: String?
        @Option var description: String?
        @Option(name: .customLong("add-alias")) var addAliases: [String] = []
        @Option(name: .customLong("remove-alias")) var removeAliases: [String] = []

        func run() throws {
            let replica = try replica.open()
            var plan = EditPlan()
            plan.set("name", text: name)
            plan.set("kind", text: kind)
            plan.set("description", text: description)
            plan.adjust("aliases", add: addAliases, remove: removeAliases)
            try plan.apply(to: replica.resolve(id, as: .actor), in: replica)
        }
    }
}
