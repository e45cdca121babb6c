import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// The CLI's scripting contract (SPEC §5): ids on the last line, one JSON document, prefixes, exit codes 1 and 2.
@Suite struct ScriptingRulesTests {
    /// Every rule on one replica, with the real `dossier` binary.
    @Test func scriptingRules() throws {
        try TeamServer.with(users: [("amina", "editor")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA")
            let base = try createdIDsAreAloneOnTheLastLine(a)
            try jsonOutputsAreOneDocument(a, base: base)
            try idsAreAcceptedByUniquePrefix(a, base: base)
            try badValuesExit1NamingTheField(a)
            try missingRequiredOptionsExit2(a)
            try aTextFileIsNotTakenForAReplica(a, folder: server.folder)
        }
    }

    /// Creating commands print the full 36-character id alone on the last stdout line, and nothing else on stdout.
    private func createdIDsAreAloneOnTheLastLine(_ a: Laptop) throws -> KabulBase {
        let base = try KabulBase.record(on: a)  // source, actor, incident and quote add, through Laptop.create
        for id in [base.analysis, base.interview, base.isk, base.airport, base.toraBora, base.quote] {
            #expect(Laptop.isFullID(id), "\(id)")
        }
        let added = try a.ok("source", "add", "--kind", "report", "--title", "UNAMA report")
        #expect(added.stdoutLines.count == 1, "stdout holds the id only: \(added.stdout)")
        #expect(added.stdout == added.lastLine + "\n")
        #expect(Laptop.isFullID(added.lastLine))
        let annotation = try a.ok("annotate", base.airport, "--credibility", "B", "--rationale", "two France 24 pieces agree")
        #expect(Laptop.isFullID(annotation.lastLine))
        #expect(try a.show(annotation.lastLine)["entity"]?.string == "annotation")
        return base
    }

    /// Every `--json` read command prints exactly one JSON document on stdout.
    private func jsonOutputsAreOneDocument(_ a: Laptop, base: KabulBase) throws {
        for kind in ["incidents", "quotes", "sources", "actors", "annotations"] {
            let list = try a.json("list", kind)
            #expect(list.array?.isEmpty == false, "list \(kind) --json")
            #expect(list.array?.allSatisfy { Laptop.isFullID($0["id"]?.string ?? "") } == true, "--json carries full ids")
        }
        #expect(try a.show(base.airport)["id"]?.string == base.airport)
        #expect(try a.json("show", base.airport, "--history")["history"]?.array?.isEmpty == false)
        #expect(try a.json("status")["pending"]?.int != nil)
        #expect(try a.json("conflicts").array == [])
        #expect(try a.json("search", "Kabul")["hits"]?.array?.contains { $0["id"]?.string == base.airport } == true)
        let sync = try a.json("sync")
        #expect(sync["pushed"]?.int != nil)
        #expect(try a.json("status")["pending"]?.int == 0)
        let export = try JSONValue.parse(try a.canonicalExport(), context: "export --format json")
        #expect(export["records"]?.array?.count == 9)
    }

    /// A unique prefix names a record; an ambiguous or unknown one is a one-line user error.
    private func idsAreAcceptedByUniquePrefix(_ a: Laptop, base: KabulBase) throws {
        let ids = try ["incidents", "quotes", "sources", "actors", "annotations"].flatMap { kind in
            try a.json("list", kind).array?.compactMap { $0["id"]?.string } ?? []
        }
        let prefix = shortestUniquePrefix(of: base.airport, among: ids)
        #expect(prefix.count < 36)
        #expect(try a.show(prefix)["id"]?.string == base.airport, "prefix \(prefix)")
        #expect(try a.ok("incident", "edit", prefix, "--summary", "A suicide bomber struck near a doorway").lastLine == base.airport)
        #expect(try a.ok("incident", "claim", prefix, "--killed", "185",
                         "--source", shortestUniquePrefix(of: base.analysis, among: ids)).status == 0)
        #expect(try a.show(base.airport)["casualties"]?["killed"]?["low"]?.int == 185)

        let shared = String(zip(base.airport, base.toraBora).prefix { $0 == $1 }.map(\.0))
        let ambiguous = try a.run("show", shared.isEmpty ? "0" : shared)
        #expect(ambiguous.status == 1, "\(ambiguous)")
        #expect(ambiguous.stderrLines.count == 1 && ambiguous.stderr.hasPrefix("error: "), "\(ambiguous)")
        let unknown = try a.run("show", "ffffffff")
        #expect(unknown.status == 1, "\(unknown)")
        #expect(unknown.stderrLines.count == 1 && unknown.stderr.hasPrefix("error: "), "\(unknown)")
    }

    /// Invalid values exit 1 with one stderr line starting "error: " that names the field, and store nothing.
    private func badValuesExit1NamingTheField(_ a: Laptop) throws {
        let before = try a.canonicalExport()
        let pending = try a.pending()
        let incident = ["incident", "add", "--title", "Bombing of the presidential palace", "--place", "the presidential palace"]
        let cases: [(arguments: [String], field: String)] = [
            (incident + ["--date", "2021-08-26", "--event-type", "Nonsense"], "event_type"),
            (incident + ["--date", "2021-13-45", "--event-type", "Explosions/Remote violence"], "date"),
            (incident + ["--date", "2021", "--event-type", "Battles", "--lat", "123", "--lon", "69.21"], "lat"),
            (["source", "add", "--title", "A blog post", "--kind", "blog"], "kind"),
        ]
        for (arguments, field) in cases {
            let result = try a.run(arguments)
            #expect(result.status == 1, "\(result)")
            #expect(result.stderrLines.count == 1, "one line on stderr: \(result.stderr)")
            #expect(result.stderr.hasPrefix("error: "), "\(result)")
            #expect(result.stderr.contains(field) || result.stderr.contains(field.replacingOccurrences(of: "_", with: "-")),
                    "the error names \(field): \(result.stderr)")
            #expect(result.stdout.isEmpty, "no id printed for a refused record: \(result.stdout)")
        }
        #expect(try a.canonicalExport() == before, "nothing partial was stored")
        #expect(try a.pending() == pending)
    }

    /// A missing required option is a usage error: exit 2.
    private func missingRequiredOptionsExit2(_ a: Laptop) throws {
        let noEventType = try a.run("incident", "add", "--title", "Bombing of the presidential palace",
                                    "--date", "2021", "--place", "the presidential palace")
        #expect(noEventType.status == 2, "\(noEventType)")
        #expect(noEventType.stderr.contains("--event-type"))
        #expect(try a.run("source", "add", "--kind", "news").status == 2)
        #expect(try a.run("incident", "claim", "--killed", "185").status == 2)
    }

    /// A replica path that is a text file gets exit 1 and a clear error, and the file and its folder are left as they were.
    private func aTextFileIsNotTakenForAReplica(_ a: Laptop, folder: ScratchFolder) throws {
        let notes = try ScratchFolder("notes")
        let file = notes.file("field-notes.txt")
        let content = Data("Kabul airport, 2021-08-26: 170 or 185 killed? Check the UN figure.\n".utf8)
        try content.write(to: file)
        let wrong = Laptop(user: "amina", replica: file, home: folder.url)
        for arguments in [["list", "incidents"], ["source", "add", "--title", "T", "--kind", "news"], ["status"], ["sync"]] {
            let result = try wrong.run(arguments)
            #expect(result.status == 1, "\(result)")
            #expect(result.stderrLines.count == 1 && result.stderr.hasPrefix("error: "), "\(result)")
            #expect(result.stderr.contains("field-notes.txt") && result.stderr.contains("replica"), "a clear error: \(result.stderr)")
        }
        #expect(try Data(contentsOf: file) == content, "the text file is unchanged")
        #expect(try FileManager.default.contentsOfDirectory(atPath: notes.url.path) == ["field-notes.txt"], "no files beside it")
    }

    /// The shortest prefix of `id` that no other id in `ids` starts with.
    private func shortestUniquePrefix(of id: String, among ids: [String]) -> String {
        let others = ids.filter { $0 != id }
        for length in 1...id.count {
            let prefix = String(id.prefix(length))
            if !others.contains(where: { $0.hasPrefix(prefix) }) { return prefix }
        }
        return id
    }
}
