import ArgumentParser
import DossierCore
import DossierReplica

/// `dossier quote add|edit`.
struct QuoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "quote", abstract: "Record and edit quotes: who said what, where.",
                                                    subcommands: [Add.self, Edit.self])

    /// `dossier quote add`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add",
            abstract: "Add a quote; prints its id on the last line.",
            usage: "dossier quote add --source <source> --speaker <speaker> --text <text> [<options>]")
        @OptionGroup var replica: ReplicaOptions
        @Option(help: "The source it appears in (id prefix); it cannot be changed later.") var source: String
        @OptionGroup(title: "Quote fields") var fields: QuoteFields
        @Option(name: .customLong("incident"), help: "An incident it is about (repeatable).") var incidents: [String] = []
        @Option(name: .customLong("tag"), help: "A tag (repeatable).") var tags: [String] = []

        func validate() throws { try fields.requireForNewRecord(alsoGiven: ["source"]) }

        func run() throws {
            let replica = try replica.open()
            var draft = try fields.draft()
            draft.set("source", text: try replica.id(source, .source))
            draft.set("incidents", elements: try incidents.map { try replica.id($0, .incident) })
            draft.set("tags", elements: tags)
            print(try replica.create(draft).record)
        }
    }

    /// `dossier quote edit ID`.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change a quote. Its text is evidence: concurrent edits are kept as a conflict.")
        @OptionGroup var replica: ReplicaOptions
        @Argument(help: "The quote's id (a unique prefix is enough).") var id: String
        @OptionGroup(title: "Quote fields") var fields: QuoteFields
        @Option(name: .customLong("add-incident"), help: "Add an incident it is about (repeatable).") var addIncidents: [String] = []
        @Option(name: .customLong("remove-incident"), help: "Remove an incident (repeatable).") var removeIncidents: [String] = []
        @Option(name: .customLong("add-tag"), help: "Add a tag (repeatable).") var addTags: [String] = []
        @Option(name: .customLong("remove-tag"), help: "Remove a tag (repeatable).") var removeTags: [String] = []

        func run() throws {
            let replica = try replica.open()
            var plan = EditPlan()
            try fields.plan(into: &plan)
            plan.adjust("incidents", add: try addIncidents.map { try replica.id($0, .incident) },
                        remove: try removeIncidents.map { try replica.id($0, .incident) })
            plan.adjust("tags", add: addTags, remove: removeTags)
            let key = try replica.resolve(id, as: .quote)
            try replica.apply(plan, to: key)
            print(key.id)
        }
    }
}
