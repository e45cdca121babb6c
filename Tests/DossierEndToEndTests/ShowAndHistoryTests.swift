import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// `dossier show` and `show --history` through the real CLI, from the seed articles: concurrent edits are marked as
/// such with what each author had seen, claims read as words, records are named, related records are listed, and
/// control characters never reach the terminal or the Markdown export.
@Suite struct ShowAndHistoryTests {
    @Test func historyMarksConcurrentPlaceEditsWithWhatEachAuthorHadSeenAndClaimsInWords() throws {
        try TeamServer.with(users: [("amina", "editor"), ("bilal", "editor")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA")
            let b = try server.laptop(for: "bilal", name: "laptopB")
            let base = try KabulBase.record(on: a)
            try syncInOrder([a, b])

            // S000 says "near a doorway", S001 "the entrance to Kabul airport": both laptops edit the place offline.
            try a.ok("incident", "edit", base.airport, "--place", "near a doorway of Kabul airport")
            try b.ok("incident", "edit", base.airport, "--place", "the entrance to Kabul airport")
            try Self.sync([a, b, a])
            try a.ok("resolve", base.airport, "place", "--value", "Abbey Gate, Kabul airport")
            try a.ok("incident", "claim", base.airport, "--killed", "185", "--source", base.analysis,
                     "--note", "including 13 American soldiers")
            let claim = try #require(a.show(base.airport)["fields"]?["casualties"]?.array?.first?["id"]?.string)
            try a.ok("incident", "retract", base.airport, claim)

            let lines = try a.ok("show", base.airport, "--history").stdoutLines
            let history = Array(lines.drop { !$0.hasPrefix("  history") }.dropFirst())
            let places = history.filter { $0.contains(" place: ") }
            #expect(places.count == 3, "\(lines)")
            let amina = try #require(places.first { $0.contains("  amina@") && $0.contains("  set place") })
            let bilal = try #require(places.first { $0.contains("  bilal@") && $0.contains("  set place") })
            let resolved = try #require(places.first { $0.contains("resolved place") })
            #expect(amina.hasSuffix("set place: had seen Kabul airport; wrote near a doorway of Kabul airport  — concurrent with bilal's edit"), "\(amina)")
            #expect(bilal.hasSuffix("set place: had seen Kabul airport; wrote the entrance to Kabul airport  — concurrent with amina's edit"), "\(bilal)")
            #expect(resolved.contains("had seen near a doorway of Kabul airport | the entrance to Kabul airport; wrote Abbey Gate, Kabul airport"), "\(resolved)")
            #expect(!resolved.contains("concurrent"), "\(resolved)")

            let title = "a year after the fall of Kabul, the organization of the Islamic State in the ambush"
            let claimed = "claim: 185 killed (source \(title)), note \"including 13 American soldiers\""
            #expect(history.contains { $0.hasSuffix(claimed) }, "\(lines)")
            #expect(history.contains { $0.hasSuffix("retracted claim 185 killed (source \(title)), note \"including 13 American soldiers\"") }, "\(lines)")
            #expect(!history.contains { $0.contains("{") || $0.contains("\"kind\"") }, "raw JSON in \(history)")

            let entries = try a.json("show", base.airport, "--history")["history"]?.array ?? []
            let bilalEntry = try #require(entries.first { $0["author"]?.string == "bilal" && $0["op"]?.string == "set" })
            #expect(bilalEntry["seen"]?.array?.compactMap(\.string) == ["Kabul airport"])
            #expect(bilalEntry["written"]?.string == "the entrance to Kabul airport")
            #expect(bilalEntry["concurrent_with"]?.array?.compactMap { $0["author"]?.string } == ["amina"])
        }
    }

    @Test func controlCharactersInATitleAndAPlaceAreShownEscapedInShowListConflictsAndMarkdown() throws {
        try TeamServer.with(users: [("amina", "editor"), ("bilal", "editor")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA")
            let b = try server.laptop(for: "bilal", name: "laptopB")
            let base = try KabulBase.record(on: a)
            let title = "Suicide attack at Kabul airport\u{1B}[2J\u{1B}]0;pwned\u{07}"
            try a.ok("incident", "edit", base.airport, "--title", title)
            try syncInOrder([a, b])
            try a.ok("incident", "edit", base.airport, "--place", "Abbey Gate\u{1B}[31m")
            try b.ok("incident", "edit", base.airport, "--place", "Baron Hotel\u{9B}")
            try Self.sync([a, b, a])

            let escaped = "Suicide attack at Kabul airport\\u{1B}[2J\\u{1B}]0;pwned\\u{07}"
            let markdown = try a.ok("export", "--format", "markdown").stdout
            let outputs = [("show", try a.ok("show", base.airport, "--history").stdout),
                           ("list", try a.ok("list", "incidents").stdout),
                           ("conflicts", try a.ok("conflicts").stdout),
                           ("markdown", markdown)]
            for (name, output) in outputs {
                let controls = output.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
                #expect(controls.isEmpty, "\(name) printed \(controls.map(\.value))")
            }
            #expect(outputs[0].1.contains("title: " + escaped), "\(outputs[0].1)")
            #expect(outputs[1].1.contains(escaped), "\(outputs[1].1)")
            #expect(outputs[2].1.contains("Abbey Gate\\u{1B}[31m") && outputs[2].1.contains("Baron Hotel\\u{9B}"), "\(outputs[2].1)")
            #expect(markdown.contains("### Suicide attack at Kabul airport\\u{1B}\\[2J\\u{1B}\\]0;pwned\\u{07}"), "\(markdown)")
            #expect(try a.show(base.airport)["fields"]?["title"]?.string == title, "--json keeps the title as typed")
        }
    }

    @Test func showNamesActorsSourcesAndSpeakersAndListsRelatedRecords() throws {
        try TeamServer.with(users: [("amina", "editor")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA")
            let base = try KabulBase.record(on: a)
            let nasr = try a.create("actor", "add", "--name", "Wassim Nasr", "--kind", "person")
            let said = try a.create("quote", "add", "--source", base.analysis, "--speaker", nasr, "--incident", base.airport,
                                    "--text", "If the Taliban succeeded in resisting ISIS in insurrectionary mode, the fight against urban terrorism is another thing")
            let question = try a.create("annotate", base.airport, "--question", "Does the 185 include the 13 American soldiers?")
            try a.ok("annotate", base.airport, "--credibility", "B", "--rationale", "two France 24 texts agree")
            try a.ok("source", "edit", base.analysis, "--reliability", "B", "--rationale", "France 24 journalist on the record")

            let incident = try a.ok("show", base.airport).stdout
            #expect(Self.line(naming: base.isk, in: incident)?.hasPrefix("  actors: Islamic State in Khorasan [") == true, "\(incident)")
            #expect(Self.line(naming: base.isk, in: incident)?.hasSuffix("] (perpetrator)") == true, "\(incident)")
            #expect(Self.line(naming: base.analysis, in: incident)?
                .hasPrefix("  sources: a year after the fall of Kabul, the organization of the Islamic State in the ambush [") == true, "\(incident)")
            #expect(incident.contains("  location: 34.56, 69.21"), "\(incident)")
            for id in [base.isk, base.analysis] { #expect(!incident.contains(id), "full id \(id) in \(incident)") }
            #expect(incident.contains("  annotations:"), "\(incident)")
            #expect(Self.line(naming: question, in: incident)?.hasPrefix("    question [") == true, "\(incident)")
            #expect(Self.line(naming: question, in: incident)?.hasSuffix("] (open) by amina: Does the 185 include the 13 American soldiers?") == true, "\(incident)")
            #expect(incident.contains("credibility ["), "\(incident)")
            #expect(incident.contains("  quoted in:"), "\(incident)")

            let source = try a.ok("show", base.analysis).stdout
            #expect(source.contains("  reliability: amina: B (usually reliable): \"France 24 journalist on the record\""), "\(source)")
            #expect(source.contains("  cited by:"), "\(source)")
            for (kind, id) in [("incident", base.airport), ("incident", base.shiiteNeighbourhood), ("quote", base.quote), ("quote", said)] {
                #expect(Self.line(naming: id, in: source)?.hasPrefix("    \(kind) [") == true, "\(id) missing in \(source)")
            }
            #expect(Self.line(naming: base.toraBora, in: source) == nil, "Tora Bora cites the interview only: \(source)")

            let actor = try a.ok("show", base.isk).stdout
            #expect(actor.contains("  appears in:\n    incident ["), "\(actor)")
            #expect(Self.line(naming: base.airport, in: actor)?.hasSuffix("] Suicide attack at Kabul airport (perpetrator)") == true, "\(actor)")
            let quote = try a.ok("show", said).stdout
            #expect(Self.line(naming: nasr, in: quote)?.hasPrefix("  speaker: Wassim Nasr [") == true, "\(quote)")
            #expect(Self.line(naming: base.analysis, in: quote)?.hasPrefix("  source: a year after the fall of Kabul") == true, "\(quote)")
            let speaker = try a.ok("show", nasr).stdout
            #expect(speaker.contains("  said:\n    quote [") && Self.line(naming: said, in: speaker) != nil, "\(speaker)")

            let document = try a.json("show", base.airport)
            #expect(document["record"]?["fields"]?["actors"]?.array?.compactMap(\.string) == ["\(base.isk):perpetrator"])
            let related = document["related"]?.array ?? []
            #expect(related.contains { $0["id"]?.string == question && $0["state"]?.string == "open" && $0["relation"]?.string == "annotation" })
        }
    }

    /// The first line of `text` that names `id` by a short id in brackets (at least 8 of its characters, in order).
    static func line(naming id: String, in text: String) -> String? {
        let hex = id.replacingOccurrences(of: "-", with: "")
        return text.split(separator: "\n").map(String.init).first { line in
            line.split(separator: "[").dropFirst().contains { part in
                guard let end = part.firstIndex(of: "]") else { return false }
                let short = part[..<end].replacingOccurrences(of: "-", with: "")
                return short.count >= 8 && hex.contains(short)
            }
        }
    }

    /// Syncs laptops in order; a sync that opened conflicts exits 4 (it still synced everything), any other failure throws.
    static func sync(_ laptops: [Laptop]) throws {
        for laptop in laptops {
            let result = try laptop.run("sync")
            guard result.status == 0 || result.status == 4 && result.stderr.contains("conflict") else {
                throw CommandFailed(description: "\(laptop.user): \(result)")
            }
        }
    }
}
