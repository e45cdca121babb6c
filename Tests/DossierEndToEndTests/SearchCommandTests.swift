import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// `dossier search` through the real binary, on a Dari, Pashto, Arabic and English corpus.
@Suite struct SearchCommandTests {
    /// Arabic-script variants, a hyphenated alias, a phrase, OR, prefix*, pages with the true total, and --kind.
    @Test func searchFoldsScriptsAndPagesWithTheTotal() throws {
        try TeamServer.with(users: [("amina", "editor")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA")
            let ids = try Self.importCorpus(on: a)
            let annotation = try a.create("annotate", ids["dari"]!, "--note", "check the Kabul figures with UNAMA")
            func hits(_ words: [String]) throws -> (ids: Set<String>, total: Int?) {
                let page = try a.ok(["search"] + words + ["--json"])
                let json = try JSONValue.parse(page.stdoutData, context: page.command)
                return (Set(json["hits"]?.array?.compactMap { $0["id"]?.string } ?? []), json["total"]?.int)
            }
            #expect(try hits(["حقاني"]).ids == [ids["dari"]!, ids["haqqani"]!], "Arabic yeh finds Persian yeh")
            #expect(try hits(["ولايت"]).ids == [ids["dari"]!, ids["pashto"]!])
            #expect(try hits(["ذبیحالله"]).ids == [ids["mujahid"]!], "stored with a ZWNJ")
            #expect(try hits(["كابل"]).ids == [ids["dari"]!, ids["arabic"]!], "Arabic kaf finds Persian kaf")
            #expect(try hits(["مدرسه"]).ids == [ids["arabic"]!], "teh marbuta")
            #expect(try hits(["محمد"]).ids == [ids["haqqani"]!], "stored with harakat")
            #expect(try hits(["IS-K"]).ids == [ids["isk"]!], "not every word starting with K")
            #expect(try hits(["Abbey OR palace"]).ids == [ids["abbey"]!, ids["palace"]!])
            #expect(try hits(["\"Abbey Gate\""]).ids == [ids["abbey"]!])
            #expect(try hits(["Khora"]).ids == [] && hits(["Khora*"]).ids == [ids["isk"]!])
            #expect(try hits(["kabul", "--kind", "annotation"]).ids == [annotation])
            #expect(try hits(["كابل", "--kind", "source"]).ids == [ids["arabic"]!])

            // Text output: hits on stdout, the count on stderr; a cut page says which part of the total it shows.
            let all = try a.ok("search", "nangarhar")
            #expect(all.stdoutLines.count == 5 && all.stderr.contains("5 matches"), "\(all)")
            let page = try a.ok("search", "nangarhar", "--limit", "2", "--offset", "2")
            #expect(page.stdoutLines.count == 2 && page.stderr.contains("showing 3–4 of 5"), "\(page)")
            #expect(try hits(["nangarhar", "--limit", "2"]).total == 5)
            let snippet = try a.ok("search", "حقاني", "--kind", "incident")
            #expect(snippet.stdout.contains("[حقانی]"), "the stored spelling is shown: \(snippet)")
            let bad = try a.run("search", "kabul", "--kind", "person")
            #expect(bad.status == 2 && bad.stderr.contains("incident, quote, source, actor or annotation"), "\(bad)")
        }
    }

    /// Imports the corpus with `dossier import` and returns the ids by name.
    static func importCorpus(on laptop: Laptop) throws -> [String: String] {
        var ids: [String: String] = [:]
        var records: [[String: Any]] = []
        func add(_ name: String, _ entity: String, _ fields: [String: Any]) {
            let id = UUID().uuidString.lowercased()
            ids[name] = id
            records.append(["entity": entity, "id": id, "fields": fields])
        }
        func incident(_ name: String, _ title: String, place: String, summary: String? = nil) {
            var fields: [String: Any] = ["title": title, "date": "2021-08-26", "place": place, "event_type": "Explosions/Remote violence"]
            fields["summary"] = summary
            add(name, "incident", fields)
        }
        add("arabic", "source", ["kind": "news", "title": "هجوم على مدرسة في كابل", "language": "ar"])
        add("source", "source", ["kind": "news", "title": "the Islamic State in the ambush", "outlet": "France 24"])
        add("isk", "actor", ["name": "Islamic State in Khorasan", "kind": "organisation", "aliases": ["IS-K", "OEI-K"]])
        add("haqqani", "actor", ["name": "مُحَمَّد حقانی", "kind": "person"])
        add("mujahid", "actor", ["name": "ذبیح\u{200C}الله مجاهد", "kind": "person"])
        incident("dari", "حمله انتحاری در میدان هوایی کابل", place: "کابل", summary: "ولایت کابل؛ شبکه حقانی")
        incident("abbey", "Suicide attack at Abbey Gate", place: "Kabul airport")
        incident("palace", "Rockets near the Presidential palace", place: "Kabul", summary: "Khan said this is key")
        for index in 1...5 { incident("n\(index)", "Attack \(index) in Nangarhar", place: "Nangarhar") }
        add("pashto", "quote", ["source": ids["source"]!, "speaker": "Wassim Nasr", "text": "د ننګرهار ولايت کې حمله وشوه"])
        let file = laptop.home.appendingPathComponent("corpus.json")
        try JSONSerialization.data(withJSONObject: ["records": records]).write(to: file)
        try laptop.ok("import", file.path)
        return ids
    }
}
