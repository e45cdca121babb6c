import ArgumentParser
import DossierCore
import DossierReplica

/// `dossier source add|edit`.
struct SourceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "source", abstract: "Record and edit sources (articles, reports…).",
                                                    subcommands: [Add.self, Edit.self])

    /// `dossier source add`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a source; prints its id on the last line.")
        @OptionGroup var replica: ReplicaOptions
        @Option(help: "The title as published.") var title: String
        @Option(help: "news, report, official, ngo, social or interview.") var kind: String
        @Option(help: "The outlet (France 24, Al Jazeera…).") var outlet: String?
        @Option(help: "Where it is published.") var url: String?
        @Option(help: "Publication date: YYYY, YYYY-MM or YYYY-MM-DD.") var published: String?
        @Option(help: "Language code (en, fr…).") var language: String?
        @Option(name: .customLong("tag"), help: "A tag (repeatable).") var tags: [String] = []

        func run() throws {
            var input = FieldInput()
            input.text("title", title)
            input.text("kind", kind)
            input.text("outlet", outlet)
            input.text("url", url)
            input.text("published", published)
            input.text("language", language)
            input.list("tags", tags)
            print(try replica.open().create(.source, fields: input.fields).record)
        }
    }

    /// `dossier source edit ID`.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a source's fields, tags or your reliability grade.")
        @OptionGroup var replica: ReplicaOptions
        @Argument(help: "The source's id (a unique prefix is enough).") var id: String
        @Option var title: String?
        @Option var kind: String?
        @Option var outlet: String?
        @Option var url: String?
        @Option var published: String?
        @Option var language: String?
        @Option(name: .customLong("add-tag")) var addTags: [String] = []
        @Option(name: .customLong("remove-tag")) var removeTags: [String] = []
        @Option(help: "Your reliability grade, A (best) to F.") var reliability: String?
        @Option(help: "Why you gave that grade.") var rationale: String?

        func run() throws {
            let replica = try replica.open()
            var plan = EditPlan()
            for (name, value) in [("title", title), ("kind", kind), ("outlet", outlet), ("url", url), ("published", published),
                                  ("language", language)] { plan.set(name, text: value) }
            plan.adjust("tags", add: addTags, remove: removeTags)
            plan.mine("reliability", reliability.map { FieldInput.assessment(grade: $0, rationale: rationale) })
            try plan.apply(to: replica.resolve(id, as: .source), in: replica)
        }
    }
}
