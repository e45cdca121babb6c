import DossierCore
import DossierTestSupport
import Testing

/// The fold the server's push and the replica's merge share: each change is applied exactly once.
@Suite struct ChangeFoldTests {
    /// Alice's changes to the airport incident: its creation, a new place, a tag.
    static func changes() throws -> (alice: TestReplica, changes: [Change]) {
        var alice = TestReplica("alice", replica: "r1")
        let incident = try alice.create(.incident, id: IDs.airport, Seed.airportFields)
        try alice.edit(incident) { try Edit.set("place", to: "Abbey Gate, Kabul airport", in: $0) }
        try alice.edit(incident) { try Edit.add("abbey-gate", to: "tags", in: $0) }
        return (alice, alice.log)
    }

    /// A change the store has, or one the batch repeats, is `alreadyHad` and applied once.
    @Test func aDuplicateDeliveryIsFoldedExactlyOnce() throws {
        let (alice, changes) = try Self.changes()
        let stored = changes[0]
        var fold = ChangeFold(current: [stored.key: RecordState(key: stored.key).applying(stored)],
                              storedBodies: [stored.id.description: CanonicalJSON.text(stored)])
        // The store already has the creation; the batch repeats it, and delivers the set twice.
        let batch = [changes[0], changes[1], changes[1], changes[2], changes[2]]
        let outcomes = batch.map { fold.fold($0, body: CanonicalJSON.text($0)) }
        #expect(outcomes == [.alreadyHad, .applied(0), .alreadyHad, .applied(1), .alreadyHad])
        #expect(fold.applied.map { $0.change } == [changes[1], changes[2]])
        #expect(fold.changed == [stored.key: alice.dataset[stored.key]!])
        #expect(fold.latest == changes[2].version)
    }

    /// A known id with other content is `idReused`; without a body to compare it is `alreadyHad`; neither is applied.
    @Test func aKnownIDWithOtherContentIsReusedAndNotApplied() throws {
        let (_, changes) = try Self.changes()
        let change = changes[0]
        var compared = ChangeFold(current: [:], storedBodies: [change.id.description: "{\"another\":\"change\"}"])
        #expect(compared.fold(change, body: CanonicalJSON.text(change)) == .idReused)
        var uncompared = ChangeFold(current: [:], knownIDs: [change.id.description])
        #expect(uncompared.fold(change, body: CanonicalJSON.text(change)) == .alreadyHad)
        for fold in [compared, uncompared] {
            #expect(fold.applied.isEmpty)
            #expect(fold.changed.isEmpty)
            #expect(fold.latest == nil)
        }
    }
}
