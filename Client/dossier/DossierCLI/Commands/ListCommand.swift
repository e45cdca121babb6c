import ArgumentParser
import DossierCore
import DossierReplica
import Foundation

extension ListOrder: ExpressibleByArgument {}

/// `dossier list incidents|quotes|sources|actors|annotations [filters]`.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List records of one kind, filtered and sorted.",
        discussion: "Dates may be partial (2022, 2022-08): an incident dated 2022-08 is listed by --since 2022-08-06 and by --until 2022-08-06.")
    @OptionGroup var replica: ReplicaOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "incidents, quotes, sources, actors, annotations or evidence.") var kind: String
    @Option(help: "Only records with this tag (case and accents ignored).") var tag: String?
    @Option(help: "Only records dated on or after this date, YYYY[-MM[-DD]] (incidents by date, quotes by said_on, sources by published, others by creation).")
    var since: String?
    @Option(help: "Only records dated on or before this date, YYYY[-MM[-DD]].") var until: String?
    @Option(help: "Only incidents whose place or admin1 contains this text.") var place: String?
    @Option(help: "Only incidents naming this actor (id or unique prefix).") var actor: String?
    @Option(help: "Only incidents citing this source, or quotes from it (id or unique prefix).") var source: String?
    @Option(help: "Only incidents of this event type or sub-event type.") var type: String?
    @Option(help: "Only incidents with this review status (draft, coded, reviewed, …).") var status: String?
    @Option(help: "Sort by date, title or created.") var sort: ListOrder = .date
    @Flag(help: "Reverse the order (newest first by date).") var reverse = false
    @Option(help: "Show at most this many.") var limit: Int?
    @Flag(help: "Include deleted records.") var deleted = false

    func validate() throws {
        let entity = try Self.entity(kind)
        if entity != .incident, place != nil || type != nil || status != nil || actor != nil {
            throw UsageError("--place, --type, --status and --actor filter incidents")
        }
        if source != nil, entity != .incident, entity != .quote { throw UsageError("--source filters incidents and quotes") }
        for (name, text) in [("--since", since), ("--until", until)] where text.map({ PartialDate($0) == nil }) ?? false {
            throw UsageError("\(name) takes a date YYYY, YYYY-MM or YYYY-MM-DD")
        }
        if let limit, limit < 1 { throw UsageError("--limit must be 1 or more") }
    }

    func run() throws {
        let replica = try replica.open()
        var filter = RecordFilter(entity: try Self.entity(kind))
        filter.includeDeleted = deleted
        filter.tag = tag
        filter.since = since.flatMap(PartialDate.init)
        filter.until = until.flatMap(PartialDate.init)
        filter.place = place
        filter.actor = try actor.map { try replica.resolve($0, as: .actor).id }
        filter.source = try source.map { try replica.resolve($0, as: .source).id }
        filter.eventType = type
        filter.status = status
        filter.order = sort
        filter.reverse = reverse
        filter.limit = limit
        let (entries, orphans, short) = try replica.list(filter)
        if output.json { return Output.json(try replica.views(of: entries.map { RecordKey(entity: $0.entity, id: $0.id) })) }
        var text = ""
        text.reserveCapacity(entries.count * 80)
        for entry in entries {
            // Appended piece by piece: a list may print every record.
            text += short(entry.id)
            text += "  "
            text += (entry.date ?? "").prefix(10)
            text += "  "
            text += entry.label
            if let killed = entry.killed { text += "  [killed: \(killed)]" }
            if entry.conflicts > 0 { text += "  (\(entry.conflicts) conflict\(entry.conflicts == 1 ? "" : "s"))" }
            if entry.deleted { text += "  (deleted)" }
            if orphans.contains(entry.id) { text += "  (orphan)" }
            text += "\n"
        }
        FileHandle.standardOutput.write(Data(text.utf8))
        Output.note("\(entries.count) \(entries.count == 1 ? filter.entity.rawValue : filter.entity.plural)")
    }

    static func entity(_ kind: String) throws -> EntityKind {
        guard let entity = EntityKind.allCases.first(where: { $0.plural == kind || $0.rawValue == kind }) else {
            throw UsageError("unknown kind '\(kind)'; use incidents, quotes, sources, actors, annotations or evidence")
        }
        return entity
    }
}
