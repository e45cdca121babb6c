import Testing
@testable import DossierCore
import DossierTestSupport

/// The seed articles' contradictions as merge cases (shared/seed-facts.json C01, C13 and the cases).
@Suite struct SeedCaseTests {
    @Test func airportTollFromOneSourceAndUnstatedByAnotherIs185WithItsSource() throws {
        var alice = TestReplica("alice", replica: "r1", millis: 1_000)  // codes I01 from S000: 185 killed
        var bob = TestReplica("bob", replica: "r2", millis: 2_000)      // codes I01 from S001: no figure
        let incident = try alice.create(.incident, id: IDs.airport, Seed.airportFields)
        bob.receive(from: alice)
        try alice.edit(.addClaim(field: "casualties", claim: CasualtyClaim(kind: "killed", low: 185, high: 185, source: IDs.france24,
                                               note: "including 13 American soldiers")), on: incident)
        try bob.edit(incident) { try Edit.add(IDs.republisher, to: "sources", in: $0) }
        alice.receive(from: bob)
        bob.receive(from: alice)
        let killed = try #require(bob.dataset[incident]!.casualties("killed"))
        #expect(killed.display == "185")
        #expect(!killed.disputed)
        #expect(killed.figures.map(\.source) == [IDs.france24])
        #expect(bob.dataset[incident]!.casualties("wounded") == nil)  // not stated is null, never 0
        #expect(alice.dataset == bob.dataset)
    }

    @Test func airportTollOf170And185FromTwoSourcesIsADisputedRange() throws {
        var alice = TestReplica("alice", replica: "r1", millis: 1_000)
        var bob = TestReplica("bob", replica: "r2", millis: 2_000)
        let incident = try alice.create(.incident, id: IDs.airport, Seed.airportFields)
        bob.receive(from: alice)
        try alice.edit(.addClaim(field: "casualties", claim: CasualtyClaim(kind: "killed", low: 185, high: 185, source: IDs.france24)), on: incident)
        try bob.edit(.addClaim(field: "casualties", claim: CasualtyClaim(kind: "killed", low: 170, high: 170, source: IDs.republisher)), on: incident)
        alice.receive(from: bob)
        bob.receive(from: alice)
        let killed = try #require(alice.dataset[incident]!.casualties("killed"))
        #expect(killed.low == 170 && killed.high == 185)
        #expect(killed.disputed)
        #expect(killed.display == "170–185 (disputed)")
        #expect(Set(killed.figures.map(\.source)) == [IDs.france24, IDs.republisher])
        #expect(alice.dataset == bob.dataset)
    }

    @Test func quoteTextEditedConcurrentlyKeepsBothTextsNeverMerged() throws {
        var alice = TestReplica("alice", replica: "r1", millis: 1_000)
        var bob = TestReplica("bob", replica: "r2", millis: 2_000)
        let verbatim = "They do not control the eastern provinces enough to be able to establish governance there, as we have seen in Iraq or Syria."
        var fields = Seed.quoteFields
        fields["text"] = .string(verbatim + "\u{201D}")  // the stray closing mark as printed (C13, Q10)
        let quote = try alice.create(.quote, id: IDs.nasrQuote, fields)
        bob.receive(from: alice)
        try alice.edit(quote) { try Edit.set("text", to: .string(verbatim), in: $0) }  // "cleaned" punctuation
        try bob.edit(quote) { try Edit.set("text", to: .string(verbatim + "\u{201D} [sic]"), in: $0) }
        try bob.edit(quote) { try Edit.set("speaker", to: "Wassim Nasr (France 24)", in: $0) }
        alice.receive(from: bob)
        bob.receive(from: alice)
        let conflict = try #require(alice.dataset[quote]!.conflicts.first { $0.field == "text" })
        #expect(Set(conflict.candidates.map(\.value)) == [.string(verbatim), .string(verbatim + "\u{201D} [sic]")])
        #expect(alice.value(quote, "speaker") == "Wassim Nasr (France 24)")  // the other field merged cleanly
        #expect(alice.dataset[quote]!.conflicts.count == 1)
        #expect(alice.dataset == bob.dataset)
    }

    @Test func tagRemovedWhileAColleagueAddsItAgainIsPresent() throws {
        var alice = TestReplica("alice", replica: "r1", millis: 1_000)
        var bob = TestReplica("bob", replica: "r2", millis: 2_000)
        let incident = try alice.create(.incident, id: IDs.airport, Seed.airportFields)
        bob.receive(from: alice)
        try alice.edit(incident) { try Edit.remove("airport", from: "tags", in: $0) }
        try bob.edit(incident) { try Edit.add("airport", to: "tags", in: $0) }
        bob.receive(from: alice)
        alice.receive(from: bob)
        #expect(alice.value(incident, "tags") == ["airport", "evacuation"])
        #expect(bob.value(incident, "tags") == ["airport", "evacuation"])
    }
}
