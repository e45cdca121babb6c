import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// Three researchers edit the same records offline with every merge kind, sync in different orders, and converge.
@Suite struct ConvergenceTests {
    /// The place amina reads in the analysis.
    static let aminasPlace = "near a doorway, Kabul airport"
    /// The place omar reads in the interview.
    static let omarsPlace = "the entrance to Kabul airport"
    /// amina "cleans" the quote's punctuation.
    static let aminasText = String(KabulBase.quoteText.dropLast()) + "."
    /// layla corrects the acronym instead.
    static let laylasText = KabulBase.quoteText.replacingOccurrences(of: "OEI-K", with: "IS-K")

    /// The issue's scenario: lww, contested, set, claims, per-author, immutable, delete-vs-edit and orphan annotations.
    @Test func threeLaptopsConvergeAfterConcurrentOfflineEditsOfEveryMergeKind() throws {
        try TeamServer.with(users: [("amina", "editor"), ("omar", "editor"), ("layla", "editor")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA")
            let b = try server.laptop(for: "omar", name: "laptopB")
            let c = try server.laptop(for: "layla", name: "laptopC")
            let base = try KabulBase.record(on: a)
            try syncInOrder([a, b, c])
            for laptop in [a, b, c] {
                #expect(try laptop.canonicalExport() == a.canonicalExport(), "\(laptop.user) did not receive the base")
            }

            // Offline, concurrently.
            try a.ok("actor", "edit", base.isk, "--name", "Islamic State Khorasan Province", "--remove-alias", "OEI-K") // lww, set
            try b.ok("actor", "edit", base.isk, "--name", "Islamic State in Khorasan (IS-K)")                          // lww: later wins
            try c.ok("actor", "edit", base.isk, "--add-alias", "Daesh")                                                // set
            try a.ok("incident", "edit", base.airport, "--place", Self.aminasPlace)                                    // contested
            try b.ok("incident", "edit", base.airport, "--place", Self.omarsPlace)                                     // contested
            try a.ok("quote", "edit", base.quote, "--text", Self.aminasText)                                           // contested
            try c.ok("quote", "edit", base.quote, "--text", Self.laylasText)                                           // contested
            try b.ok("quote", "edit", base.quote, "--speaker-role", "France 24 journalist, specialist in the jihadist movement")
            try b.ok("incident", "edit", base.airport, "--remove-tag", "airport")                                      // set: remove…
            try c.ok("incident", "edit", base.airport, "--add-tag", "airport", "--add-tag", "abbey-gate")              // …concurrent add wins
            try a.ok("incident", "claim", base.airport, "--killed", "185", "--source", base.analysis)                  // claims
            try b.ok("incident", "claim", base.airport, "--killed", "170", "--source", base.interview)                 // claims
            try a.ok("source", "edit", base.analysis, "--reliability", "B", "--rationale", "France 24, named expert")   // per-author
            try b.ok("source", "edit", base.analysis, "--reliability", "C", "--rationale", "machine-translated republication")
            try a.ok("delete", base.toraBora)                                                                           // delete…
            try c.ok("incident", "edit", base.toraBora, "--summary", "GBU-43 on IS group tunnels, April 2017")          // …vs edit
            let annotation = try b.create("annotate", base.shiiteNeighbourhood, "--question", "Which year? The article gives none.")

            // Immutable: a quote's source cannot be changed from the CLI at all.
            let quoteHelp = try a.ok("quote", "edit", "--help")
            #expect(!quoteHelp.stdout.contains("--source"))
            #expect(try a.run("quote", "edit", base.quote, "--source", base.interview).status == 2)

            // Sync in different orders.
            try syncInOrder([c, a, b])
            try syncInOrder([a, c, b])
            // amina has now seen everything, the annotation included, and deletes its target.
            #expect(try a.json("list", "annotations").array?.contains { $0["id"]?.string == annotation } == true)
            try a.ok("delete", base.shiiteNeighbourhood)
            try syncInOrder([b, a, c])
            try syncInOrder([c, b, a])

            let export = try a.canonicalExport()
            #expect(try b.canonicalExport() == export, "laptopB's export differs from laptopA's")
            #expect(try c.canonicalExport() == export, "laptopC's export differs from laptopA's")
            for laptop in [a, b, c] { #expect(try laptop.pending() == 0) }

            try checkMergedRecords(on: c, base: base, annotation: annotation)
            try checkConflicts(on: [a, b, c], base: base)
            try resolvingAConflictClosesItEverywhere(a: a, b: b, c: c, base: base)
        }
    }

    /// What each merge rule must have produced, read with `show --json`.
    private func checkMergedRecords(on laptop: Laptop, base: KabulBase, annotation: String) throws {
        let actor = try laptop.show(base.isk)["fields"]
        #expect(actor?["name"]?.string == "Islamic State in Khorasan (IS-K)", "lww: the later write (omar's) wins")
        #expect(Set(actor?["aliases"]?.strings ?? []) == ["IS-K", "ISKP", "Daesh"])

        let airport = try laptop.show(base.airport)
        #expect(airport["fields"]?["tags"]?.strings.map(Set.init) == ["airport", "abbey-gate"], "add-wins set")
        let killed = airport["casualties"]?["killed"]
        #expect(killed?["low"]?.int == 170)
        #expect(killed?["high"]?.int == 185)
        #expect(killed?["disputed"]?.bool == true)
        #expect(Set(killed?["figures"]?.array?.compactMap { $0["source"]?.string } ?? []) == [base.analysis, base.interview])
        #expect(airport["fields"]?["casualties"]?.array?.count == 2, "both claims are kept")
        #expect([Self.aminasPlace, Self.omarsPlace].contains(airport["fields"]?["place"]?.string ?? ""))

        let reliability = try laptop.show(base.analysis)["fields"]?["reliability"]
        #expect(reliability?["amina"]?["grade"]?.string == "B")
        #expect(reliability?["amina"]?["rationale"]?.string == "France 24, named expert")
        #expect(reliability?["omar"]?["grade"]?.string == "C")

        let quote = try laptop.show(base.quote)["fields"]
        #expect(quote?["source"]?.string == base.analysis, "immutable")
        #expect(quote?["speaker_role"]?.string == "France 24 journalist, specialist in the jihadist movement")
        #expect([Self.aminasText, Self.laylasText].contains(quote?["text"]?.string ?? ""))

        let toraBora = try laptop.show(base.toraBora)
        #expect(toraBora["deleted"]?.bool == false, "an edit concurrent with a delete keeps the record")
        #expect(toraBora["fields"]?["summary"]?.string == "GBU-43 on IS group tunnels, April 2017")

        #expect(try laptop.show(base.shiiteNeighbourhood)["deleted"]?.bool == true, "a delete after seeing everything deletes")
        let orphan = try laptop.show(annotation)
        #expect(orphan["deleted"]?.bool == false, "an annotation is never cascaded away")
        #expect(orphan["orphan"]?.bool == true)
        #expect(orphan["fields"]?["body"]?.string == "Which year? The article gives none.")
        #expect(orphan["fields"]?["target"]?.string == base.shiiteNeighbourhood)
    }

    /// Every replica lists the same three open conflicts: place, quote text, and the deletion.
    private func checkConflicts(on laptops: [Laptop], base: KabulBase) throws {
        for laptop in laptops {
            let conflicts = try laptop.conflicts()
            #expect(conflicts.count == 3, "\(laptop.user) lists \(conflicts.count) conflicts")
            #expect(Set(conflicts.compactMap { $0["field"]?.string }) == ["place", "text", "deleted"])
            let place = conflict(conflicts, base.airport, "place")
            #expect(Set(candidates(place).map(\.value)) == [Self.aminasPlace, Self.omarsPlace])
            #expect(Set(candidates(place).map(\.author)) == ["amina", "omar"])
            let text = conflict(conflicts, base.quote, "text")
            #expect(Set(candidates(text).map(\.value)) == [Self.aminasText, Self.laylasText], "both texts are kept")
            let deletion = conflict(conflicts, base.toraBora, "deleted")
            #expect(Set(candidates(deletion).map(\.author)) == ["amina", "layla"])
            #expect(Set(candidates(deletion).map(\.value)) == ["deleted", "edited"])
            #expect(conflicts.allSatisfy { $0["record"]?["id"]?.string != base.isk }, "lww never opens a conflict")
            #expect(try laptop.json("status")["conflicts"]?.int == 3)
        }
    }

    /// layla picks amina's place: once synced it is closed everywhere; a later informed edit opens none; replicas converge again.
    private func resolvingAConflictClosesItEverywhere(a: Laptop, b: Laptop, c: Laptop, base: KabulBase) throws {
        let listed = candidates(conflict(try c.conflicts(), base.airport, "place"))
        let pick = try (listed.firstIndex { $0.value == Self.aminasPlace }).orThrow("amina's place is not a candidate") + 1
        try c.ok("resolve", base.airport, "place", "--pick", String(pick))
        try syncInOrder([c, a, b])
        for laptop in [a, b, c] {
            let open = try laptop.conflicts()
            #expect(open.count == 2, "\(laptop.user) still lists \(open.count) conflicts")
            #expect(!open.contains { $0["field"]?.string == "place" })
            #expect(try laptop.show(base.airport)["fields"]?["place"]?.string == Self.aminasPlace)
        }
        // A write that has seen the other value simply replaces it: no new conflict.
        try b.ok("incident", "edit", base.airport, "--place", "Abbey Gate, Kabul airport")
        try syncInOrder([b, c, a])
        #expect(try a.conflicts().count == 2)
        #expect(try a.show(base.airport)["fields"]?["place"]?.string == "Abbey Gate, Kabul airport")
        let export = try a.canonicalExport()
        #expect(try b.canonicalExport() == export)
        #expect(try c.canonicalExport() == export)
    }

    /// The conflict on `field` of record `id`, or an empty object (the expectations on it then fail).
    private func conflict(_ conflicts: [JSONValue], _ id: String, _ field: String) -> JSONValue {
        let found = conflicts.first { $0["record"]?["id"]?.string == id && $0["field"]?.string == field }
        #expect(found != nil, "no conflict on \(field) of \(id)")
        return found ?? .object([:])
    }

    /// A conflict's candidates in the order listed: value (as text) and author.
    private func candidates(_ conflict: JSONValue) -> [(value: String, author: String)] {
        (conflict["candidates"]?.array ?? []).map { ($0["value"]?.string ?? "\(String(describing: $0["value"]))", $0["author"]?.string ?? "") }
    }
}
