import DossierCore
import DossierTestSupport
import Testing

/// An incident's `location` and `review_status` are `contested` (SPEC §2): concurrent values stay a conflict until replaced.
@Suite struct ContestedFieldRuleTests {
    /// Abbey Gate, Kabul airport.
    static let abbeyGate: JSONValue = ["lat": 34.5656, "lon": 69.2078]
    /// The airport's north gate.
    static let northGate: JSONValue = ["lat": 34.5619, "lon": 69.2127]
    /// The airport's terminal.
    static let terminal: JSONValue = ["lat": 34.5612, "lon": 69.2098]

    /// Two concurrent coordinates: one conflict listing both, until a set that saw both.
    @Test func concurrentDifferentCoordinatesOpenAConflictListingBothUntilASetThatSawBoth() throws {
        try Self.concurrentValuesConflictUntilResolved(field: "location", alice: Self.abbeyGate, bob: Self.northGate, later: Self.terminal)
    }

    /// "reviewed" against a concurrent "coded": one conflict listing both, until a set that saw both.
    @Test func concurrentReviewStatusesOpenAConflictListingBothUntilASetThatSawBoth() throws {
        try Self.concurrentValuesConflictUntilResolved(field: "review_status", alice: "reviewed", bob: "coded", later: "reviewed")
    }

    /// An edit made after seeing the previous value simply replaces it.
    @Test func aNonConcurrentEditOfCoordinatesOrReviewStatusOpensNoConflict() throws {
        var alice = TestReplica("alice", replica: "r1", millis: 2_000)
        var bob = TestReplica("bob", replica: "r2", millis: 1_000)  // an earlier clock: having seen, not time, decides
        let incident = try alice.create(.incident, id: IDs.airport, Seed.airportFields.merging(["location": Self.abbeyGate]) { $1 })
        try alice.edit(incident) { try Edit.set("review_status", to: "coded", in: $0) }
        bob.receive(from: alice)
        try bob.edit(incident) { try Edit.set("location", to: Self.northGate, in: $0) }
        try bob.edit(incident) { try Edit.set("review_status", to: "reviewed", in: $0) }
        alice.receive(from: bob)
        #expect(alice.dataset[incident]!.conflicts.isEmpty)
        #expect(alice.value(incident, "location") == Self.northGate)
        #expect(alice.value(incident, "review_status") == "reviewed")
        #expect(alice.dataset == bob.dataset)
    }

    /// Alice and Bob set `field` concurrently (one conflict, both values); Carol, having seen both, sets `later`: gone everywhere.
    static func concurrentValuesConflictUntilResolved(field: String, alice aliceValue: JSONValue, bob bobValue: JSONValue,
                                                      later: JSONValue) throws {
        var alice = TestReplica("alice", replica: "r1", millis: 1_000)
        var bob = TestReplica("bob", replica: "r2", millis: 2_000)
        var carol = TestReplica("carol", replica: "r3", millis: 500)
        let incident = try alice.create(.incident, id: IDs.airport, Seed.airportFields)
        bob.receive(from: alice)
        try alice.edit(incident) { try Edit.set(field, to: aliceValue, in: $0) }
        try bob.edit(incident) { try Edit.set(field, to: bobValue, in: $0) }
        alice.receive(from: bob)
        bob.receive(from: alice)

        let conflicts = alice.dataset[incident]!.conflicts
        #expect(conflicts.map(\.field) == [field])
        #expect(conflicts.first?.candidates.map(\.value) == [bobValue, aliceValue])  // bob's is later on the clock
        #expect(conflicts.first?.candidates.map(\.author) == ["bob", "alice"])
        #expect(alice.value(incident, field) == bobValue)
        #expect(alice.dataset == bob.dataset)

        carol.receive(from: alice)
        try carol.edit(incident) { try Edit.set(field, to: later, in: $0) }
        alice.receive(from: carol)
        bob.receive(from: carol)
        for replica in [alice, bob, carol] {
            #expect(replica.dataset[incident]!.conflicts.isEmpty, "\(replica.name) still shows a conflict on \(field)")
            #expect(replica.value(incident, field) == later)
        }
    }
}
