import ArgumentParser
import DossierCore
import DossierReplica

/// `dossier incident add|edit|claim|retract`.
struct IncidentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incident", abstract: "Record and edit incidents, and their casualty claims.",
        discussion: "Event types and sub-types follow ACLED: \(Vocabulary.eventTypes.joined(separator: "; ")).",
        subcommands: [Add.self, Edit.self, Claim.self, Retract.self])

    /// `dossier incident add`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add",
            abstract: "Add an incident; prints its id on the last line.",
            usage: "dossier incident add --title <title> --date <date> --place <place> --event-type <event-type> [<options>]")
        @OptionGroup var replica: ReplicaOptions
        @OptionGroup(title: "Incident fields") var fields: IncidentFields
        @Option(name: .customLong("actor"), help: "ACTOR_ID:role (repeatable; roles: \(Vocabulary.actorRoles.joined(separator: ", "))).")
        var actors: [String] = []
        @Option(name: .customLong("source"), help: "A source id (repeatable).") var sources: [String] = []
        @Option(name: .customLong("tag"), help: "A tag (repeatable).") var tags: [String] = []

        func validate() throws { try fields.requireForNewRecord() }

        func run() throws {
            let replica = try replica.open()
            var draft = try fields.draft()
            draft.set("actors", elements: try actors.map(replica.actorRole))
            draft.set("sources", elements: try sources.map { try replica.id($0, .source) })
            draft.set("tags", elements: tags)
            print(try replica.create(draft).record)
        }
    }

    /// `dossier incident edit ID`.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change an incident's fields, tags, actors or sources.")
        @OptionGroup var replica: ReplicaOptions
        @Argument(help: "The incident's id (a unique prefix is enough).") var id: String
        @OptionGroup(title: "Incident fields") var fields: IncidentFields
        @Option(name: .customLong("add-tag"), help: "Add a tag (repeatable).") var addTags: [String] = []
        @Option(name: .customLong("remove-tag"), help: "Remove a tag (repeatable).") var removeTags: [String] = []
        @Option(name: .customLong("add-actor"), help: "Add an actor as ACTOR_ID:role (repeatable).") var addActors: [String] = []
        @Option(name: .customLong("remove-actor"), help: "Remove an actor's role, as ACTOR_ID:role (repeatable).") var removeActors: [String] = []
        @Option(name: .customLong("add-source"), help: "Add a source id (repeatable).") var addSources: [String] = []
        @Option(name: .customLong("remove-source"), help: "Remove a source id (repeatable).") var removeSources: [String] = []

        func run() throws {
            let replica = try replica.open()
            var plan = EditPlan()
            try fields.plan(into: &plan)
            plan.adjust("tags", add: addTags, remove: removeTags)
            plan.adjust("actors", add: try addActors.map(replica.actorRole), remove: try removeActors.map(replica.actorRole))
            plan.adjust("sources", add: try addSources.map { try replica.id($0, .source) },
                        remove: try removeSources.map { try replica.id($0, .source) })
            let key = try replica.resolve(id, as: .incident)
            try replica.apply(plan, to: key)
            print(key.id)
        }
    }

    /// `dossier incident claim ID --killed 185 --source S`.
    struct Claim: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "claim",
            abstract: "Add sourced casualty claims (killed, wounded or both from one source). Claims are never erased; "
                + "disagreeing claims show as a disputed range.")
        @OptionGroup var replica: ReplicaOptions
        @Argument(help: "The incident's id (a unique prefix is enough).") var id: String
        @Option(help: "Killed: a figure (185) or a range (170-185).") var killed: String?
        @Option(help: "Wounded: a figure or a range.") var wounded: String?
        @Option(help: "exact, at_least or approx (a range defaults to approx).") var qualifier: String?
        @Option(help: "The source of the figures (id prefix).") var source: String
        @Option(help: "When the source reported them, YYYY[-MM[-DD]]: a later report from the same source supersedes an earlier one.")
        var asOf: String?
        @Option(help: "A note (\"according to the Taliban\").") var note: String?

        func validate() throws {
            guard killed != nil || wounded != nil else { throw UsageError("give --killed, --wounded or both") }
        }

        func run() throws {
            let replica = try replica.open()
            let source = try replica.id(source, .source)
            let claims = try [("killed", killed), ("wounded", wounded)].compactMap { kind, figure in
                try figure.map { try CasualtyClaim.typed(kind: kind, figure: $0, qualifier: qualifier, source: source, note: note, asOf: asOf) }
            }
            let key = try replica.resolve(id, as: .incident)
            try replica.addClaims(claims, to: key)
            print(key.id)
        }
    }

    /// `dossier incident retract ID CLAIM`.
    struct Retract: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "retract", abstract: "Retract a claim (it stays in the record, marked retracted).")
        @OptionGroup var replica: ReplicaOptions
        @Argument(help: "The incident's id (a unique prefix is enough).") var id: String
        @Argument(help: "The claim's id, as 'dossier show' prints it.") var claim: String
        @Flag(help: "Reinstate a retracted claim instead.") var reinstate = false

        func run() throws {
            let replica = try replica.open()
            let key = try replica.resolve(id, as: .incident)
            try replica.retractClaim(claim, of: key, retracted: !reinstate)
            print(key.id)
        }
    }
}
