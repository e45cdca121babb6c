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
        static let configuration = CommandConfiguration(abstract: "Add an incident; prints its id on the last line.")
        @OptionGroup var replica: ReplicaOptions
        @Option(help: "A short title.") var title: String
        @Option(help: "YYYY, YYYY-MM or YYYY-MM-DD.") var date: String
        @Option(help: "The place as stated (\"Kabul airport\").") var place: String
        @Option(help: "ACLED event type, e.g. \"Explosions/Remote violence\".") var eventType: String
        @Option(help: "ACLED sub-event type, e.g. \"Suicide bomb\".") var subEventType: String?
        @Option(help: "First-level region (province).") var admin1: String?
        @Option(help: "ISO 3166 alpha-2 country code (AF).") var country: String?
        @Option(help: "Latitude, WGS84.") var lat: Double?
        @Option(help: "Longitude, WGS84.") var lon: Double?
        @Option(name: .customLong("actor"), help: "ACTOR_ID:role (repeatable; roles: perpetrator, target, victim, claimed_by, associated).")
        var actors: [String] = []
        @Option(name: .customLong("source"), help: "A source id (repeatable).") var sources: [String] = []
        @Option(name: .customLong("tag"), help: "A tag (repeatable).") var tags: [String] = []
        @Option(help: "A summary.") var summary: String?

        func run() throws {
            let replica = try replica.open()
            var input = FieldInput()
            for (name, value) in [("title", title), ("date", date), ("place", place), ("event_type", eventType),
                                  ("sub_event_type", subEventType), ("admin1", admin1), ("country", country), ("summary", summary)] {
                input.text(name, value)
            }
            try input.location(lat: lat, lon: lon)
            input.list("actors", try actors.map(replica.actorRole))
            input.list("sources", try sources.map { try replica.id($0, .source) })
            input.list("tags", tags)
            print(try replica.create(.incident, fields: input.fields).record)
        }
    }

    /// `dossier incident edit ID`.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change an incident's fields, tags, actors or sources.")
        @OptionGroup var replica: ReplicaOptions
        @Argument(help: "The incident's id (a unique prefix is enough).") var id: String
        @Option var title: String?
        @Option var date: String?
        @Option var place: String?
        @Option var eventType: String?
        @Option var subEventType: String?
        @Option var admin1: String?
        @Option var country: String?
        @Option var lat: Double?
        @Option var lon: Double?
        @Option var summary: String?
        @Option(help: "draft, coded or reviewed.") var reviewStatus: String?
        @Option(name: .customLong("add-tag")) var addTags: [String] = []
        @Option(name: .customLong("remove-tag")) var removeTags: [String] = []
        @Option(name: .customLong("add-actor")) var addActors: [String] = []
        @Option(name: .customLong("remove-actor")) var removeActors: [String] = []
        @Option(name: .customLong("add-source")) var addSources: [String] = []
        @Option(name: .customLong("remove-source")) var removeSources: [String] = []

        func run() throws {
            let replica = try replica.open()
            var plan = EditPlan()
            for (name, value) in [("title", title), ("date", date), ("place", place), ("event_type", eventType),
                                  ("sub_event_type", subEventType), ("admin1", admin1), ("country", country), ("summary", summary),
                                  ("review_status", reviewStatus)] { plan.set(name, text: value) }
            var location = FieldInput()
            try location.location(lat: lat, lon: lon)
            plan.set("location", location.fields["location"])
            plan.adjust("tags", add: addTags, remove: removeTags)
            plan.adjust("actors", add: try addActors.map(replica.actorRole), remove: try removeActors.map(replica.actorRole))
            plan.adjust("sources", add: try addSources.map { try replica.id($0, .source) },
                        remove: try removeSources.map { try replica.id($0, .source) })
            try plan.apply(to: replica.resolve(id, as: .incident), in: replica)
        }
    }

    /// `dossier incident claim ID --killed 185 --source S`.
    struct Claim: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a sourced casualty claim. Claims are never erased; disagreeing claims show as a disputed range.")
        @OptionGroup var replica: ReplicaOptions
        @Argument(help: "The incident's id.") var id: String
        @Option(help: "Killed: a figure (185) or a range (170-185).") var killed: String?
        @Option(help: "Wounded: a figure or a range.") var wounded: String?
        @Option(help: "exact, at_least or approx (a range defaults to approx).") var qualifier: String?
        @Option(help: "The source of the figure (id prefix).") var source: String
        @Option(help: "A note (\"according to the Taliban\").") var note: String?

        func validate() throws {
            guard (killed == nil) != (wounded == nil) else { throw UsageError("give exactly one of --killed or --wounded") }
        }

        func run() throws {
            let replica = try replica.open()
            let kind = killed != nil ? "killed" : "wounded"
            let text = killed ?? wounded ?? ""
            let bounds = text.split(separator: "-", maxSplits: 1).map { Int64($0.trimmingCharacters(in: .whitespaces)) }
            guard let low = bounds.first ?? nil, let high = bounds.count == 2 ? bounds[1] : low else {
                throw CLIError(message: "'\(text)' is not a figure", hint: "use a whole number (185) or a range (170-185)")
            }
            let claim = CasualtyClaim(kind: kind, low: low, high: high, qualifier: qualifier ?? (low == high ? "exact" : "approx"),
                                      source: try replica.id(source, .source), note: note)
            let key = try replica.resolve(id, as: .incident)
            try replica.edit(key) { try DossierCore.Edit.addClaim(claim, in: $0) }
            print(key.id)
        }
    }

    /// `dossier incident retract ID CLAIM`.
    struct Retract: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Retract a claim (it stays in the record, marked retracted).")
        @OptionGroup var replica: ReplicaOptions
        @Argument(help: "The incident's id.") var id: String
        @Argument(help: "The claim's id, as 'dossier show' prints it.") var claim: String
        @Flag(help: "Reinstate a retracted claim instead.") var reinstate = false

        func run() throws {
            let replica = try replica.open()
            guard let claimID = HLC(claim) else { throw CLIError(message: "'\(claim)' is not a claim id", hint: "copy it from 'dossier show ID'") }
            let key = try replica.resolve(id, as: .incident)
            try replica.edit(key) { try DossierCore.Edit.retract(claimID, retracted: !reinstate, in: $0) }
            print(key.id)
        }
    }
}
