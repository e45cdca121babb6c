import ArgumentParser
import DossierCore
import DossierReplica

/// `dossier quote add|edit`.
struct QuoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "quote", abstract: "Record and edit quotes: who said what, where.",
                                                    subcommands: [Add.self, Edit.self])

    /// `dossier quote add`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a quote; prints its id on the last line.")
        @OptionGroup var replica: ReplicaOptions
        @Option(help: "The source it appears in (id prefix).") var source: String
        @Option(help: "Who said it: a name as printed, or an actor id.") var speaker: String
        @Option(help: "The speaker's role as printed (\"France 24 journalist\").") var speakerRole: String?
        @Option(help: "The words, verbatim.") var text: String
        @Option(help: "When it was said: YYYY, YYYY-MM or YYYY-MM-DD.") var saidOn: String?
        @Option(name: .customLong("incident"), help: "An incident it is about (repeatable).") var incidents: [String] = []
        @Option(name: .customLong("tag"), help: "A tag (repeatable).") var tags: [String] = []

        func run() throws {
            let replica = try replica.open()
            var input = FieldInput()
            input.text("source", try replica.id(source, .source))
            input.text("speaker", speaker)
            input.text("speaker_role", speakerRole)
            input.text("text", text)
            input.text("said_on", saidOn)
            input.list("incidents", try incidents.map { try replica.id($0, .incident) })
            input.list("tags", tags)
            print(try replica.create(.quote, fields: input.fields).record)
        }
    }

    /// `dossier quote edit ID`.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a quote. Its text is evidence: concurrent edits are kept as a conflict.")
        @OptionGroup var replica: ReplicaOptions
        @Argument(help: "The quote's id (a unique prefix is enough).") var id: String
        @Option var text: String?
        @Option var speaker: String?
        @Option var speakerRole: String?
        @Option var saidOn: String?
        @Option(name: .customLong("add-incident")) var addIncidents: [String] = []
        @Option(name: .customLong("remove-incident")) var removeIncidents: [String] = []
        @Option(name: .customLong("add-tag")) var addTags: [String] = []
        @Option(name: .customLong("remove-tag")) var removeTags: [String] = []

        func run() throws {
            let replica = try replica.open()
            var plan = EditPlan()
            plan.set("text", text: text)
            plan.set("speaker", text: speaker)
            plan.set("speaker_role", text: speakerRole)
            plan.set("said_on", text: saidOn)
            plan.adjust("incidents", add: try addIncidents.map { try replica.id($0, .incident) },
                        remove: try removeIncidents.map { try replica.id($0, .incident) })
            plan.adjust("tags", add: addTags, remove: removeTags)
            try plan.apply(to: replica.resolve(id, as: .quote), in: replica)
        }
    }
}
