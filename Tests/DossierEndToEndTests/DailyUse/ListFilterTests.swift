import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// `dossier list` filters by partial-date ranges, place, actor, source, type, status and tag (any case), sorts and limits,
/// with the `--json` shape unchanged.
@Suite struct ListFilterTests {
    @Test func listsFilterSortAndLimit() throws {
        try TeamServer.with(users: [("amina", "editor")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA")
            let base = try KabulBase.record(on: a)
            let august = try a.create("incident", "add", "--title", "Taliban enter Kabul", "--date", "2021-08", "--place", "Kābul",
                                      "--event-type", "Strategic developments", "--tag", "Fall-of-Kabul")
            try a.ok("incident", "edit", base.toraBora, "--review-status", "coded")
            func ids(_ arguments: String...) throws -> [String] {
                let result = try a.ok(["list", "incidents"] + arguments + ["--json"])
                return try JSONValue.parse(result.stdoutData, context: result.command).array.orThrow("not an array").compactMap { $0["id"]?.string }
            }
            #expect(try ids("--since", "2021-08-06") == [august, base.airport, base.shiiteNeighbourhood],
                    "2021-08 overlaps 2021-08-06, 2022 is after it, 2017 is not")
            #expect(try ids("--until", "2021-08-06") == [base.toraBora, august], "and until: 2021-08 reaches back before the 6th")
            #expect(try ids("--since", "2021-08-27", "--until", "2021-09") == [august])
            #expect(try Set(ids("--place", "KABUL")) == Set([august, base.airport, base.shiiteNeighbourhood]), "case and accents ignored")
            #expect(try ids("--actor", String(base.isk.suffix(8))) == [base.airport])
            #expect(try ids("--source", base.interview) == [base.toraBora])
            #expect(try ids("--type", "air/drone strike") == [base.toraBora], "a sub-event type matches too")
            #expect(try ids("--status", "coded") == [base.toraBora])
            #expect(try ids("--tag", "fall-of-kabul") == [august], "tags ignore case")
            #expect(try ids("--sort", "date", "--reverse", "--limit", "2") == [base.shiiteNeighbourhood, base.airport])
            #expect(try ids("--sort", "title").first == base.toraBora, "'mother of bombs'… sorts first by title")
            let shape = try a.json("list", "incidents", "--limit", "1").array?.first?.objectValue.map { Set($0.keys) }
            #expect(shape == ["entity", "id", "created_by", "created_at", "deleted", "orphan", "fields", "conflicts", "casualties"])
            let bad = try a.run("list", "sources", "--place", "Kabul")
            #expect(bad.status == 2 && bad.stderr.contains("--place"), "\(bad)")
            let badDate = try a.run("list", "incidents", "--since", "August 2021")
            #expect(badDate.status == 2 && badDate.stderr.contains("YYYY"), "\(badDate)")
        }
    }
}
