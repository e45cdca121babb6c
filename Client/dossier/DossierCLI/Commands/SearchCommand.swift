import ArgumentParser
import DossierReplica

/// `dossier search "words"`.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search",
        abstract: "Full-text search over titles, summaries, quotes and notes.")
    @OptionGroup var replica: ReplicaOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Words to find (each matches as a prefix).") var words: String

    func run() throws {
        let replica = try replica.open()
        let hits = try replica.search(words)
        if output.json { return Output.json(hits) }
        let short = ShortID(try replica.dataset().records.keys.map(\.id))
        for hit in hits { print("\(short(hit.id))  \(hit.entity.rawValue)  \(hit.snippet)") }
        Output.note("\(hits.count) match\(hits.count == 1 ? "" : "es")")
    }
}
