import Testing
@testable import DossierCore
import DossierTestSupport

/// One named example per merge kind of SPEC §2; each fails when its rule is broken.
@Suite struct MergeRuleTests {
    @Test func immutableFieldKeepsTheValueGivenAtCreation() throws {
        var alice = TestReplica("alice", replica: "r1")
        let quote = try alice.create(.quote, id: IDs.nasrQuote, Seed.quoteFields)
        // Validation refuses a later change outright ...
        #expect(throws: ValidationError.self) {
            try alice.edit(.set(field: "source", value: .string(IDs.republisher), supersedes: []), on: quote)
        }
        // ... and the merge ignores one that slipped through: the creation's value stays.
        let forged = Change(id: ChangeID(replica: ReplicaID("r9")!, counter: 1), version: HLC(millis: 9_999_999_999_999, counter: 0, replica: ReplicaID("r9")!),
                            author: "mallory", entity: .quote, record: IDs.nasrQuote,
                            operation: .set(field: "source", value: .string(IDs.republisher), supersedes: []))
        alice.receive([forged])
        #expect(alice.value(quote, "source") == .string(IDs.france24))
    }

    @Test func immutableFieldOfTwoCreationsIsTheEarliestEverywhere() throws {
        var a = TestReplica("alice", replica: "r1", millis: 1_000)
        var b = TestReplica("bob", replica: "r2", millis: 2_000)
        var fieldsB = Seed.quoteFields
        fieldsB["source"] = .string(IDs.republisher)
        try a.create(.quote, id: IDs.nasrQuote, Seed.quoteFields)
        try b.create(.quote, id: IDs.nasrQuote, fieldsB)
        a.receive(from: b)
        b.receive(from: a)
        let key = RecordKey(entity: .quote, id: IDs.nasrQuote)
        #expect(a.value(key, "source") == .string(IDs.france24))
        #expect(a.dataset == b.dataset)
    }

    @Test func lwwFieldTakesTheLaterWriteAndOpensNoConflict() throws {
        var alice = TestReplica("alice", replica: "r1", millis: 1_000)
        var bob = TestReplica("bob", replica: "r2", millis: 2_000)
        let incident = try alice.create(.incident, id: IDs.airport, Seed.airportFields)
        bob.receive(from: alice)
        try alice.edit(incident) { try Edit.set("admin1", to: "Kabul Province", in: $0) }
        try bob.edit(incident) { try Edit.set("admin1", to: "Kabul (province)", in: $0) }
        alice.receive(from: bob)
        bob.receive(from: alice)
        #expect(alice.value(incident, "admin1") == "Kabul (province)")  // bob's write is later on the clock
        #expect(alice.dataset == bob.dataset)
        #expect(alice.dataset[incident]!.conflicts.isEmpty)
    }

    @Test func lwwTieOnTheSameMillisecondIsBrokenByReplicaID() throws {
        var a = TestReplica("alice", replica: "r1", millis: 5_000)
        var b = TestReplica("bob", replica: "r2", millis: 5_000)
        let actor = try a.create(.actor, id: IDs.isk, ["kind": "organisation", "name": "IS-K"])
        b.receive(from: a)
        try a.edit(actor) { try Edit.set("name", to: "ISKP", in: $0) }
        try b.edit(actor) { try Edit.set("name", to: "Islamic State Khorasan Province", in: $0) }
        a.receive(from: b)
        b.receive(from: a)
        #expect(a.value(actor, "name") == "Islamic State Khorasan Province")  // same (ms, counter): "r2" > "r1"
        #expect(a.dataset == b.dataset)
    }

    @Test func contestedFieldKeepsConcurrentWritesAsAnOpenConflict() throws {
        var alice = TestReplica("alice", replica: "r1", millis: 1_000)
        var bob = TestReplica("bob", replica: "r2", millis: 2_000)
        let incident = try alice.create(.incident, id: IDs.airport, Seed.airportFields)
        bob.receive(from: alice)
        try alice.edit(incident) { try Edit.set("place", to: "Abbey Gate, Kabul airport", in: $0) }
        try bob.edit(incident) { try Edit.set("place", to: "the entrance to Kabul airport", in: $0) }
        alice.receive(from: bob)
        bob.receive(from: alice)
        let conflicts = alice.dataset[incident]!.conflicts
        #expect(conflicts.map(\.field) == ["place"])
        #expect(conflicts[0].candidates.map(\.value) == ["the entrance to Kabul airport", "Abbey Gate, Kabul airport"])
        #expect(conflicts[0].candidates.map(\.author) == ["bob", "alice"])
        #expect(alice.value(incident, "place") == "the entrance to Kabul airport")  // the winner is shown
        #expect(alice.dataset == bob.dataset)
    }

    @Test func contestedWriteThatHadSeenTheOtherSimplyReplacesIt() throws {
        var alice = TestReplica("alice", replica: "r1", millis: 1_000)
        var bob = TestReplica("bob", replica: "r2", millis: 500)  // an earlier clock: seeing, not time, decides
        let incident = try alice.create(.incident, id: IDs.airport, Seed.airportFields)
        try alice.edit(incident) { try Edit.set("place", to: "Abbey Gate, Kabul airport", in: $0) }
        bob.receive(from: alice)
        try bob.edit(incident) { try Edit.set("place", to: "Kabul airport, Abbey Gate", in: $0) }
        alice.receive(from: bob)
        #expect(alice.dataset[incident]!.conflicts.isEmpty)
        #expect(alice.value(incident, "place") == "Kabul airport, Abbey Gate")
    }

    @Test func resolvingAConflictSupersedesEveryCandidateEverywhere() throws {
        var alice = TestReplica("alice", replica: "r1", millis: 1_000)
        var bob = TestReplica("bob", replica: "r2", millis: 2_000)
        var carol = TestReplica("carol", replica: "r3", millis: 3_000)
        let incident = try alice.create(.incident, id: IDs.airport, Seed.airportFields)
        bob.receive(from: alice)
        try alice.edit(incident) { try Edit.set("date", to: "2021-08-26", in: $0) }
        try bob.edit(incident) { try Edit.set("date", to: "2021-08", in: $0) }
        carol.receive(from: alice)
        carol.receive(from: bob)
        #expect(carol.dataset[incident]!.conflicts.count == 1)
        try carol.edit(incident) { try Edit.resolve("date", to: "2021-08-26", in: $0) }
        alice.receive(from: carol)
        bob.receive(from: carol)
        for replica in [alice, bob, carol] {
            #expect(replica.dataset[incident]!.conflicts.isEmpty)
            #expect(replica.value(incident, "date") == "2021-08-26")
        }
    }

    @Test func setAddAndConcurrentRemoveOfTheSameElementLeavesItPresent() throws {
        var alice = TestReplica("alice", replica: "r1", millis: 1_000)
        var bob = TestReplica("bob", replica: "r2", millis: 2_000)
        let incident = try alice.create(.incident, id: IDs.airport, Seed.airportFields)
        bob.receive(from: alice)
        try alice.edit(incident) { try Edit.remove("evacuation", from: "tags", in: $0) }   // removes the add it saw
        try bob.edit(incident) { try Edit.add("evacuation", to: "tags", in: $0) }        // re-adds concurrently
        try bob.edit(incident) { try Edit.remove("airport", from: "tags", in: $0) }
        alice.receive(from: bob)
        bob.receive(from: alice)
        #expect(alice.value(incident, "tags") == ["evacuation"])
        #expect(alice.dataset == bob.dataset)
    }

    @Test func setRemoveAfterSeeingTheAddRemovesIt() throws {
        var alice = TestReplica("alice", replica: "r1")
        var bob = TestReplica("bob", replica: "r2")
        let actor = try alice.create(.actor, id: IDs.isk, ["kind": "organisation", "name": "IS-K", "aliases": ["ISKP", "OEI-K"]])
        bob.receive(from: alice)
        try bob.edit(actor) { try Edit.remove("OEI-K", from: "aliases", in: $0) }
        alice.receive(from: bob)
        #expect(alice.value(actor, "aliases") == ["ISKP"])
    }

    @Test func claimsAreAppendOnlyAndRetractionIsAFlag() throws {
        var alice = TestReplica("alice", replica: "r1", millis: 1_000)
        var bob = TestReplica("bob", replica: "r2", millis: 2_000)
        let incident = try alice.create(.incident, id: IDs.airport, Seed.airportFields)
        let claim = try alice.edit(.addClaim(field: "casualties", claim: CasualtyClaim(kind: "killed", low: 170, high: 170, source: IDs.republisher)), on: incident)
        try alice.edit(.addClaim(field: "casualties", claim: CasualtyClaim(kind: "killed", low: 185, high: 185, source: IDs.france24)), on: incident)
        bob.receive(from: alice)
        try bob.edit(.retractClaim(field: "casualties", claim: claim.version, retracted: true), on: incident)
        alice.receive(from: bob)
        let state = alice.dataset[incident]!
        #expect(state.casualties("killed")?.display == "185")
        guard case .claims(let claims)? = state.fields["casualties"] else { Issue.record("no claims"); return }
        #expect(claims.sortedEntries.count == 2)  // retracted, never erased
        #expect(claims.isRetracted(claim.version))
        // A later reinstatement wins by lww.
        try alice.edit(.retractClaim(field: "casualties", claim: claim.version, retracted: false), on: incident)
        #expect(alice.dataset[incident]!.casualties("killed")?.display == "170–185 (disputed)")
    }

    @Test func perAuthorEntriesOfDifferentAuthorsNeverConflict() throws {
        var alice = TestReplica("alice", replica: "r1", millis: 1_000)
        var bob = TestReplica("bob", replica: "r2", millis: 2_000)
        let source = try alice.create(.source, id: IDs.france24, Seed.sourceFields)
        bob.receive(from: alice)
        try alice.edit(.setMine(field: "reliability", value: ["grade": "B", "rationale": "established outlet"]), on: source)
        try bob.edit(.setMine(field: "reliability", value: ["grade": "C", "rationale": "machine-translated republication"]), on: source)
        try alice.edit(.setMine(field: "reliability", value: ["grade": "A"]), on: source)  // her own entry: lww
        alice.receive(from: bob)
        bob.receive(from: alice)
        let value = alice.value(source, "reliability")
        #expect(value == ["alice": ["grade": "A"], "bob": ["grade": "C", "rationale": "machine-translated republication"]])
        #expect(alice.dataset[source]!.conflicts.isEmpty)
        #expect(alice.dataset == bob.dataset)
    }
}
