import ArgumentParser
import DossierCore
import DossierReplica

/// `dossier source add|edit`.
struct SourceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "source", abstract: "Record and edit sources (articles, reports…).",
                                                    subcommands: [Add.self, Edit.self])

    /// `dossier source add`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a source; prints its id on the last line.",
                                                        usage: "dossier source add --title <title> --kind <kind> [<options>]")
        @OptionGroup var replica: ReplicaOptions
        @OptionGroup(title: "Source fields") var fields: SourceFields
        @Option(name: .customLong("tag"), help: "A tag (repeatable).") var tags: [String] = []

        func validate() throws { try fields.requireForNewRecord() }

        func run() throws {
            var draft = try fields.draft()
            draft.set("tags", elements: tags)
            print(try replica.open().create(draft).record)
        }
    }

    /// `dossier source edit ID`.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change a source's fields, tags or your reliability grade.")
        @OptionGroup var replica: ReplicaOptions
        @Argument(help: "The source's id (a unique prefix is enough).") var id: String
        @OptionGroup(title: "Source fields") var fields: SourceFields
        @Option(name: .customLong("add-tag"), help: "Add a tag (repeatable).") var addTags: [String] = []
        @Option(name: .customLong("remove-tag"), help: "Remove a tag (repeatable).") var removeTags: [String] = []
        @Option(help: "Your reliability grade, A (best) to F.") var reliability: String?
        @Option(help: "Why you gave that grade.") var rationale: String?

        func run() throws {
            let replica = try replica.open()
            var plan = EditPlan()
            try fields.plan(into: &plan)
            plan.adjust("tags", add: addTags, remove: removeTags)
            plan.mine("reliability", reliability.map { FieldText.assessment(grade: $0, rationale: rationale) })
            let key = try replica.resolve(id, as: .source)
            try replica.apply(plan, to: key)
            print(key.id)
        }
    }
}
