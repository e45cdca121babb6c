import Testing
@testable import DossierCore
import DossierTestSupport

/// Deletion against edits, restores, and orphaned annotations (SPEC §2, Delete).
@Suite struct DeletionRuleTests {
    @Test func deleteAgainstAConcurrentEditKeepsTheRecordAndOpensAConflict() throws {
        var alice = TestReplica("alice", replica: "r1", millis: 1_000)
        var bob = TestReplica("bob", replica: "r2", millis: 2_000)
        let incident = try alice.create(.incident, id: IDs.airport, Seed.airportFields)
        bob.receive(from: alice)
        try alice.edit(incident) { try Edit.delete($0) }
        try bob.edit(incident) { try Edit.set("summary", to: "A suicide bomber blew himself up near a doorway, then gunfire.", in: $0) }
        alice.receive(from: bob)
        bob.receive(from: alice)
        for replica in [alice, bob] {
            let state = replica.dataset[incident]!
            #expect(!state.isDeleted)
            let conflict = try #require(state.conflicts.first)
            #expect(conflict.field == Conflict.deletionField)
            #expect(conflict.candidates.map(\.author).sorted() == ["alice", "bob"])
            #expect(conflict.candidates.contains { $0.value == "deleted" && $0.author == "alice" })
        }
        #expect(alice.dataset == bob.dataset)
    }

    @Test func deleteAfterSeeingEveryEditDeletes() throws {
        var alice = TestReplica("alice", replica: "r1", millis: 1_000)
        var bob = TestReplica("bob", replica: "r2", millis: 2_000)
        let incident = try alice.create(.incident, id: IDs.airport, Seed.airportFields)
        bob.receive(from: alice)
        try bob.edit(incident) { try Edit.add("duplicate", to: "tags", in: $0) }
        alice.receive(from: bob)
        try alice.edit(incident) { try Edit.delete($0) }
        bob.receive(from: alice)
        #expect(bob.dataset[incident]!.isDeleted)
        #expect(bob.dataset[incident]!.conflicts.isEmpty)
        // A deleted record is refused further local edits until restored.
        #expect(throws: Edit.Refusal.self) { try bob.edit(incident) { try Edit.set("summary", to: "late", in: $0) } }
    }

    @Test func keepingARecordWhoseDeletionConflictsRestoresIt() throws {
        var alice = TestReplica("alice", replica: "r1", millis: 1_000)
        var bob = TestReplica("bob", replica: "r2", millis: 2_000)
        let incident = try alice.create(.incident, id: IDs.airport, Seed.airportFields)
        bob.receive(from: alice)
        try alice.edit(incident) { try Edit.delete($0) }
        try bob.edit(incident) { try Edit.add("verified", to: "tags", in: $0) }
        bob.receive(from: alice)
        try bob.edit(incident) { try Edit.restore($0) }
        alice.receive(from: bob)
        #expect(alice.dataset[incident]!.conflicts.isEmpty)
        #expect(!alice.dataset[incident]!.isDeleted)
        // Confirming the deletion instead: a delete that has seen everything deletes.
        try alice.edit(incident) { try Edit.delete($0) }
        bob.receive(from: alice)
        #expect(bob.dataset[incident]!.isDeleted)
    }

    @Test func annotationWhoseTargetWasDeletedIsKeptAsAnOrphan() throws {
        var alice = TestReplica("alice", replica: "r1", millis: 1_000)
        var bob = TestReplica("bob", replica: "r2", millis: 2_000)
        let incident = try alice.create(.incident, id: IDs.hazaraBombing, [
            "title": "Bomb attack in a Shiite neighbourhood of Kabul", "date": "2022-08", "place": "Kabul",
            "event_type": "Explosions/Remote violence",
        ])
        bob.receive(from: alice)
        try alice.edit(incident) { try Edit.delete($0) }
        let note = try bob.create(.annotation, id: IDs.note, [
            "target": .string(IDs.hazaraBombing), "kind": "question", "body": "Which week of August? 'A few days ago' is relative.",
        ])
        alice.receive(from: bob)
        bob.receive(from: alice)
        for replica in [alice, bob] {
            #expect(replica.dataset[incident]!.isDeleted)  // annotating is not editing the incident
            let annotation = try #require(replica.dataset[note])
            #expect(replica.value(note, "body") == "Which week of August? 'A few days ago' is relative.")
            #expect(replica.dataset.isOrphan(annotation))
        }
        let export = CanonicalExport(alice.dataset)
        #expect(export.records.first { $0.id == IDs.note }?.orphan == true)
    }
}
