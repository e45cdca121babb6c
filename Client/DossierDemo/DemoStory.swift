import DossierCore
import DossierReplica
import Foundation

/// The demo's story, told as it happens: record, go offline, collide, sync in a shuffled order, look.
struct DemoStory: Sendable {
    let data: DemoData
    let laptops: [DemoLaptop]
    let seed: UInt64
    let say: @Sendable (String) -> Void
    var keys: [String: RecordKey] = [:]

    /// Sets up the three laptops against the server.
    init(data: DemoData, server: DemoServer, folder: URL, names: [String], seed: UInt64, say: @escaping @Sendable (String) -> Void) throws {
        let clock = DemoClock()
        self.data = data
        self.seed = seed
        self.say = say
        laptops = try names.map { try DemoLaptop.make(name: $0, folder: folder, server: server.url, token: server.tokens[$0]!, clock: clock) }
    }

    var amina: DemoLaptop { laptops[0] }
    var bilal: DemoLaptop { laptops[1] }
    var carla: DemoLaptop { laptops[2] }

    /// Plays every scene; returns the story for the proof.
    func play() throws -> DemoStory {
        var story = self
        try story.recordTheArticles()
        try story.workOffline()
        try story.syncShuffled()
        try story.showWhatMerged()
        return story
    }

    private mutating func recordTheArticles() throws {
        say("\n== 1. Amina records the two seed articles")
        var recorder = DemoRecorder()
        try recorder.record(data, on: amina)
        keys = recorder.keys
        let counts = EntityKind.allCases.compactMap { kind in recorder.counts[kind].map { "\($0) \(kind.plural)" } }
        say("  \(counts.joined(separator: ", ")), \(recorder.claims) casualty claim(s), each a local edit in the outbox.")
        try keepTheSavedArticles()
        say("  amina: sync → \(try amina.sync().line)")
        say("\n== 2. Bilal and Carla join the team: their replicas start from the server's snapshot")
        for laptop in [bilal, carla] { say("  \(laptop.name): sync → \(try laptop.sync().line)") }
        let fetched = try bilal.fetchFiles()
        say("  bilal: fetch → \(fetched.fetched.count) saved articles downloaded and checked against their SHA-256: "
            + fetched.fetched.map { "\($0.name) (\($0.size) bytes)" }.joined(separator: ", "))
    }

    /// The saved copy of each seed article (shipped with the demo, as the demo data is) becomes `web_capture` evidence
    /// of its source: hashed at collection, with its `attached` custody event.
    private func keepTheSavedArticles() throws {
        for symbol in ["S000", "S001"] {
            guard let url = Bundle.module.url(forResource: symbol, withExtension: "txt", subdirectory: "articles") else {
                throw DemoFailure(message: "the demo's saved copy of \(symbol) is missing from its resources")
            }
            let source = data.sources.first { $0.key == symbol }
            let details = EvidenceDetails(kind: "web_capture", note: "saved copy of the article as published", capturedBy: "amina",
                                          sourceURL: source?.url)
            let attached = try amina.replica.attach([url], to: try key(symbol), details: details)
            say("  amina: attach \(symbol)'s saved article → web_capture evidence, \(attached.map { "\($0.kept.size) bytes" }.joined())")
        }
    }

    /// The record a symbolic key of the demo data (S000, A01, I01, Q01) was recorded as.
    func key(_ symbol: String) throws -> RecordKey {
        guard let key = keys[symbol] else { throw DemoFailure(message: "the demo data has no \(symbol)") }
        return key
    }

    private func workOffline() throws {
        say("\n== 3. Offline for days: all three work on the same records, unaware of each other")
        let airport = try key("I01"), france24 = try key("S000"), second = try key("S001"), isk = try key("A01")
        let quote = try key(data.quotes.first { $0.speaker.contains("Nasr") && $0.source == "S000" }?.key ?? "Q01")
        let later = data.incidents.map(\.key).filter { $0 != "I01" }
        let (annotated, edited) = (try key(later[later.count - 1]), try key(later[later.count - 2]))

        say("  [claims] The airport attack's toll (seed contradiction C01): the France 24 piece says 185 killed; the second")
        say("           article speaks of 'the death toll' with no figure. Bilal codes it from the second article: he adds")
        say("           that source and enters no toll — 'not stated' is null, never 0, so it takes nothing away from 185.")
        bilal.edit(airport) { try Edit.add(second.id, to: "sources", in: $0) }
        say("           Carla enters 170 killed from the second article to show a dispute (a figure invented for this demo).")
        carla.edit(airport) { try Edit.addClaim(CasualtyClaim(kind: "killed", low: 170, high: 170, source: second.id,
                                                               note: "invented for the demo; the seed articles give only 185"), in: $0) }

        say("  [contested] Where exactly? Amina writes S000's 'near a doorway'; Bilal writes S001's 'entrance' (C02).")
        amina.edit(airport) { try Edit.set("place", to: "Kabul airport, near a doorway", in: $0) }
        bilal.edit(airport) { try Edit.set("place", to: "entrance to Kabul airport", in: $0) }

        say("  [contested] A quote's wording is evidence: Amina 'cleans' its punctuation while Bilal keeps it verbatim")
        say("              with a [sic]; Carla corrects the speaker.")
        let text = try amina.value(quote, "text").stringValue ?? ""
        amina.edit(quote) { try Edit.set("text", to: .string(Self.cleaned(text)), in: $0) }
        bilal.edit(quote) { try Edit.set("text", to: .string(text + " [sic]"), in: $0) }
        carla.edit(quote) { try Edit.set("speaker", to: "Wassim Nasr, France 24", in: $0) }

        let tag = try bilal.value(airport, "tags").arrayStrings.first ?? "airport"
        say("  [set] Bilal removes the tag '\(tag)' from the airport attack while Carla, not knowing, adds it again.")
        bilal.edit(airport) { try Edit.remove(tag, from: "tags", in: $0) }
        carla.edit(airport) { try Edit.add(tag, to: "tags", in: $0) }
        say("  [set] IS-K's aliases (C04): Bilal adds 'EI group', Carla adds 'OEI'.")
        bilal.edit(isk) { try Edit.add("EI group", to: "aliases", in: $0) }
        carla.edit(isk) { try Edit.add("OEI", to: "aliases", in: $0) }

        say("  [lww] Amina, then Carla, rewrite IS-K's description: the later write wins; the other stays in history.")
        amina.edit(isk) { try Edit.set("description", to: "Afghan branch of the Islamic State (Amina's wording)", in: $0) }
        carla.edit(isk) { try Edit.set("description", to: "Islamic State's regional branch in Afghanistan and Pakistan (Carla's wording)", in: $0) }

        say("  [per-author] Amina grades the France 24 piece B; Bilal, wary of the republished copy, grades it C.")
        amina.edit(france24) { try Edit.setMine("reliability", to: ["grade": "B", "rationale": "named journalist, first-hand"], in: $0) }
        bilal.edit(france24) { try Edit.setMine("reliability", to: ["grade": "C", "rationale": "republished copy; publisher uncertain"], in: $0) }

        say("  [immutable] Bilal tries to re-attribute the quote to the second article:")
        say("              refused — \(bilal.edit(quote) { _ in .set(field: "source", value: .string(second.id), supersedes: []) } ?? "accepted?!")")

        say("  [delete] Amina deletes '\(try amina.value(annotated, "title").stringValue ?? "")' while Bilal annotates it.")
        amina.edit(annotated) { try Edit.delete($0) }
        _ = try? bilal.replica.create(.annotation, fields: ["target": .string(annotated.id), "kind": "question",
                                                            "body": "Is the date of this attack confirmed by a second source?"])
        say("  [delete] Carla deletes '\(try carla.value(edited, "title").stringValue ?? "")' while Amina edits its summary.")
        carla.edit(edited) { try Edit.delete($0) }
        amina.edit(edited) { try Edit.set("summary", to: "Kept: the second article reports it too.", in: $0) }
    }

    /// Punctuation "cleaning": straight quotes and a closing mark, the kind of edit that must not silently win.
    static func cleaned(_ text: String) -> String {
        var result = text.replacingOccurrences(of: "\u{201C}", with: "\"").replacingOccurrences(of: "\u{201D}", with: "\"")
            .replacingOccurrences(of: "\u{2019}", with: "'").trimmingCharacters(in: .whitespaces)
        while let last = result.last, [",", ";", ":"].contains(last) { result.removeLast() }
        if !result.hasSuffix(".") { result += "." }
        return result
    }

    private func syncShuffled() throws {
        var generator = SeededGenerator(seed: seed)
        say("\n== 4. Back online: each syncs, in an order shuffled by seed \(seed), twice round")
        for round in 1...2 {
            let order = laptops.shuffled(using: &generator)
            for laptop in order { say("  round \(round), \(laptop.name): \(try laptop.sync().line)") }
        }
    }
}
