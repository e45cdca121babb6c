import DossierCore
@testable import DossierReplica
import DossierTestSupport
import Foundation
import Testing

/// The catalog that lists and status read is rebuilt for every record saved since it was filled: a local edit, a pulled
/// change and a conflict it opens are all seen by the next list and status.
@Suite struct CatalogTests {
    @Test func listsAndStatusSeeEveryChangeSinceTheCatalogWasFilled() throws {
        let folder = try ScratchFolder("catalog")
        let replica = try Replica.create(path: folder.file("r.sqlite").path, settings: ReplicaTests.settings())
        let airport = try replica.create(.incident, fields: ReplicaTests.incident)
        var filter = RecordFilter(entity: .incident)
        filter.place = "airport"
        #expect(try replica.list(filter).entries.map(\.id) == [airport.record], "the first list fills the catalog")

        try replica.edit(airport.key) { try Edit.set("place", to: "Abbey Gate", in: $0) }
        #expect(try replica.list(filter).entries.isEmpty, "a local edit drops the stale entry")
        filter.place = "abbey"
        #expect(try replica.list(filter).entries.first?.label == "Suicide attack at Kabul airport")
        #expect(try replica.status().conflicts == 0)

        // A colleague's concurrent place, pulled: one new conflict, seen by status and by the entry.
        var bilal = Researcher("bilal", replica: "laptop2", millis: systemWallClock())
        bilal.dataset.apply(airport)
        let theirs = try bilal.set("place", "Baron Hotel", on: airport.key)
        let outcome = try replica.apply(PullPage(changes: [theirs], next: 1, more: false))
        #expect(outcome.opened.map(\.field) == ["place"])
        #expect(try replica.status().conflicts == 1)
        filter.place = nil
        #expect(try replica.list(filter).entries.first?.conflicts == 1)
    }
}
