import ArgumentParser
import DossierCore
import DossierReplica

/// `dossier search "words"`.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search",
        abstract: "Full-text search over titles, summaries, quotes and notes.",
        discussion: """
            Words match whole words; word* matches a prefix; "a quoted phrase" and hyphenated names (IS-K) match \
            as consecutive words; a OR b matches either. Arabic-script variants match each other (ي ی ى, ك ک, \
            أ إ آ ٱ ا, ة ه), and harakat, tatweel and zero-width joiners are ignored, as are Latin accents and case.
            """)
    @OptionGroup var replica: ReplicaOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "What to find: words, word*, \"a phrase\", a OR b.") var words: String
    @Option(help: "Only records of this kind: incident, quote, source, actor or annotation.") var kind: String?
    @Option(help: "At most this many results.") var limit = 50
    @Option(help: "Skip this many of the best results first.") var offset = 0

    func run() throws {
        let entity = try kind.map { name in
            guard let entity = EntityKind(rawValue: name) ?? EntityKind.allCases.first(where: { $0.plural == name }) else {
                throw UsageError("unknown kind '\(name)'; use incident, quote, source, actor or annotation")
            }
            return entity
        }
        guard limit >= 0, offset >= 0 else { throw UsageError("--limit and --offset take a number of 0 or more") }
        let replica = try replica.open()
        let backlog = try replica.searchBacklog()
        // `search` indexes them first; the note comes before the wait.
        if backlog > 0 { Output.note("indexing \(backlog) record\(backlog == 1 ? "" : "s") from the first sync for search (once)…") }
        let results = try replica.search(words, kind: entity, limit: limit, offset: offset)
        if output.json { return Output.json(results) }
        let short = try replica.shortIDs()
        for hit in results.hits { print("\(short(hit.id))  \(hit.entity.rawValue)  \(hit.snippet)") }
        Output.note(Self.summary(results))
    }

    /// "312 matches", or "showing 51–100 of 312" when the page holds fewer than all.
    static func summary(_ results: SearchResults) -> String {
        let all = "\(results.total) match\(results.total == 1 ? "" : "es")"
        guard results.hits.count < results.total else { return all }
        guard !results.hits.isEmpty else { return "\(all); none shown from --offset \(results.offset)" }
        return "showing \(results.offset + 1)–\(results.offset + results.hits.count) of \(results.total)"
    }
}
