import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// Entry without friction: killed and wounded in one claim command, a rising toll with `--as-of`, long texts from a file or
/// standard input, annotations edited and resolved, and records named by the short handle lists print.
@Suite struct EntryTests {
    @Test func claimsTakeBothFiguresAndARisingTollCountsAtItsLatest() throws {
        try TeamServer.with(users: [("amina", "editor"), ("bilal", "editor")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA")
            let base = try KabulBase.record(on: a)
            let neighbourhood = base.shiiteNeighbourhood
            try a.ok("incident", "claim", neighbourhood, "--killed", "8", "--wounded", "18", "--source", base.analysis)
            var casualties = try a.show(neighbourhood)["casualties"]
            #expect(casualties?["killed"]?["low"]?.int == 8 && casualties?["wounded"]?["low"]?.int == 18, "\(String(describing: casualties))")
            try a.ok("incident", "claim", base.airport, "--killed", "60", "--source", base.analysis, "--as-of", "2021-08-26")
            try a.ok("incident", "claim", base.airport, "--killed", "170", "--source", base.analysis, "--as-of", "2021-08-28")
            casualties = try a.show(base.airport)["casualties"]
            #expect(casualties?["killed"]?["low"]?.int == 170 && casualties?["killed"]?["disputed"]?.bool == false,
                    "the source's later report supersedes its first: \(String(describing: casualties))")
            let claims = try a.show(base.airport)["fields"]?["casualties"]?.array ?? []
            #expect(claims.compactMap { $0["as_of"]?.string } == ["2021-08-26", "2021-08-28"])
            try a.ok("incident", "claim", base.airport, "--killed", "120", "--source", base.analysis, "--as-of", "2021-08-27")
            let text = try a.ok("show", base.airport).stdout
            let order = ["as of 2021-08-26", "as of 2021-08-27", "as of 2021-08-28"].compactMap { text.range(of: $0)?.lowerBound }
            #expect(order.count == 3 && order == order.sorted(), "show lists claims in the order they were reported: \(text)")
            let pushed = try a.ok("sync")
            #expect(pushed.stdout.contains("pushed") && !pushed.stdout.contains("rejected"), "the server takes dated claims: \(pushed)")
            let b = try server.laptop(for: "bilal", name: "laptopB")
            try b.sync()
            #expect(try b.show(base.airport)["casualties"]?["killed"]?["low"]?.int == 170, "a colleague sees the same latest toll")
            #expect(try b.canonicalExport() == a.canonicalExport())
            let bad = try a.run("incident", "claim", base.airport, "--killed", "1", "--source", base.analysis, "--as-of", "yesterday")
            #expect(bad.status == 1 && bad.stderrLines.count == 1 && bad.stderr.contains("as-of"), "\(bad)")
            let neither = try a.run("incident", "claim", base.airport, "--source", base.analysis)
            #expect(neither.status == 2, "\(neither)")
        }
    }

    @Test func longTextsComeFromFilesOrStandardInputAndAnnotationsAreEdited() throws {
        try TeamServer.with(users: [("amina", "editor")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA")
            let base = try KabulBase.record(on: a)
            // 140 KB of Dari: under the 100,000-character limit, far over what one argument may carry.
            let paragraph = "در ۲۶ اگست ۲۰۲۱ یک مهاجم انتحاری داعش خراسان در دروازهٔ ابی فرودگاه کابل خود را منفجر کرد. "
            let long = String(repeating: paragraph, count: 900).trimmingCharacters(in: .whitespaces)
            #expect(long.utf8.count > 140_000 && long.count < 100_000)
            let file = server.folder.file("summary.txt")
            try Data((long + "\n").utf8).write(to: file)
            try a.ok("incident", "edit", base.airport, "--summary-file", file.path)
            #expect(try a.show(base.airport)["fields"]?["summary"]?.string == long)

            let piped = try ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), ["-c",
                "printf 'ما نمی‌توانیم بگوییم' | '\(Binaries.dossier.path)' quote add --source \(base.interview) --speaker 'Wassim Nasr' "
                + "--text-file - --replica '\(a.replica.path)'"], environment: ["HOME": a.home.path])
            #expect(piped.status == 0, "\(piped)")
            #expect(try a.show(piped.lastLine)["fields"]?["text"]?.string == "ما نمی‌توانیم بگوییم", "ZWNJ kept, read from stdin")
            let both = try a.run("incident", "edit", base.airport, "--summary", "x", "--summary-file", file.path)
            #expect(both.status == 2, "\(both)")

            let question = try a.create("annotate", base.airport, "--question", "Which gate?")
            try a.ok("annotation", "edit", question, "--body", "Which gate: Abbey Gate or the Baron Hotel?")
            try a.ok("annotation", "edit", String(question.suffix(8)), "--resolve")
            var fields = try a.show(question)["fields"]
            #expect(fields?["body"]?.string == "Which gate: Abbey Gate or the Baron Hotel?" && fields?["resolved"]?.bool == true)
            try a.ok("annotation", "edit", question, "--reopen")
            fields = try a.show(question)["fields"]
            #expect(fields?["resolved"]?.bool == false)
            #expect(try a.run("annotation", "edit", question).status == 2, "nothing to change is a usage error")
        }
    }

    @Test func recordsMadeTogetherAreNamedByEightCharactersWithoutTheDash() throws {
        try TeamServer.with(users: [("amina", "editor")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA")
            let base = try KabulBase.record(on: a)
            let listed = try a.ok("list", "incidents").stdoutLines
            let handles = listed.compactMap { $0.split(separator: " ").first.map(String.init) }
            #expect(handles.count == 3 && handles.allSatisfy { $0.count == 8 && !$0.contains("-") }, "\(listed)")
            for id in [base.airport, base.toraBora, base.shiiteNeighbourhood] {
                let handle = String(id.replacingOccurrences(of: "-", with: "").suffix(8))
                #expect(handles.contains(handle), "\(id) is listed as \(handle)")
                #expect(try a.show(handle)["id"]?.string == id, "the handle names it")
                let undashed = String(id.replacingOccurrences(of: "-", with: "").prefix(16))
                #expect(try a.show(undashed)["id"]?.string == id, "a prefix works without the dash")
            }
            let shared = String(base.airport.prefix(4))
            let ambiguous = try a.run("show", shared)
            #expect(ambiguous.status == 1 && ambiguous.stderr.contains("matches"), "records made together share their start: \(ambiguous)")
        }
    }
}
