import Testing
@testable import DossierCore
import DossierTestSupport

/// History says what each author had seen (the versions their change names) besides what they wrote, and marks
/// writes that had not seen each other as concurrent.
@Suite struct RecordHistorySeenTests {
    /// Alice creates the airport attack; Bob receives it; each then edits the place without seeing the other's edit.
    func concurrentPlaces() throws -> (alice: TestReplica, bob: TestReplica, key: RecordKey) {
        var alice = TestReplica("alice", replica: "r1", millis: 1_000)
        var bob = TestReplica("bob", replica: "r2", millis: 2_000)
        let key = try alice.create(.incident, id: IDs.airport, Seed.airportFields)
        bob.receive(from: alice)
        try alice.edit(key) { try Edit.set("place", to: "near a doorway of Kabul airport", in: $0) }
        try bob.edit(key) { try Edit.set("place", to: "the entrance to Kabul airport", in: $0) }
        return (alice, bob, key)
    }

    @Test func aConcurrentSetShowsTheValueItsAuthorHadSeenNotTheOneBeforeItInTime() throws {
        let (alice, bob, key) = try concurrentPlaces()
        let entries = RecordHistory(of: key, changes: bob.log + alice.log).entries
        let sets = entries.filter { $0.op == "set" }
        #expect(sets.map(\.author) == ["alice", "bob"])
        #expect(sets[1].old == "near a doorway of Kabul airport", "in clock order, Alice's value came just before")
        #expect(sets[1].seen == ["Kabul airport"], "but Bob had only seen the created value")
        #expect(sets[1].written == "the entrance to Kabul airport")
        #expect(sets[0].seen == ["Kabul airport"] && sets[0].written == "near a doorway of Kabul airport")
    }

    @Test func writesThatHadNotSeenEachOtherAreMarkedConcurrentBothWays() throws {
        let (alice, bob, key) = try concurrentPlaces()
        let sets = RecordHistory(of: key, changes: alice.log + bob.log).entries.filter { $0.op == "set" }
        #expect(sets[0].concurrentWith.map(\.author) == ["bob"])
        #expect(sets[1].concurrentWith.map(\.author) == ["alice"])
        #expect(sets[1].concurrentWith.map(\.change) == [sets[0].change])
        #expect(RecordHistory(of: key, changes: alice.log + bob.log).entries[0].concurrentWith.isEmpty, "the creation")
    }

    @Test func aResolutionHasSeenEveryCandidateAndALaterEditIsConcurrentWithNothing() throws {
        var (alice, bob, key) = try concurrentPlaces()
        alice.receive(from: bob)
        try alice.edit(key) { try Edit.resolve("place", to: "Abbey Gate, Kabul airport", in: $0) }
        bob.receive(from: alice)
        try bob.edit(key) { try Edit.set("place", to: "Abbey Gate", in: $0) }
        let entries = RecordHistory(of: key, changes: bob.log).entries
        let resolve = try #require(entries.first { $0.op == "resolve" })
        #expect(resolve.seen == ["near a doorway of Kabul airport", "the entrance to Kabul airport"])
        #expect(resolve.concurrentWith.isEmpty)
        let last = try #require(entries.last)
        #expect(last.seen == ["Abbey Gate, Kabul airport"] && last.concurrentWith.isEmpty)
    }

    @Test func lastWriterWinsTitlesAreConcurrentOnlyWhenNeitherCouldHaveSeenTheOther() throws {
        var alice = TestReplica("alice", replica: "r1", millis: 1_000)
        var bob = TestReplica("bob", replica: "r2", millis: 2_000)
        let key = try alice.create(.incident, id: IDs.airport, Seed.airportFields)
        bob.receive(from: alice)
        try alice.edit(key) { try Edit.set("title", to: "Suicide bombing at Abbey Gate", in: $0) }
        try bob.edit(key) { try Edit.set("title", to: "Kabul airport attack", in: $0) }
        alice.receive(from: bob)
        try alice.edit(key) { try Edit.set("title", to: "Suicide attack at Kabul airport (Abbey Gate)", in: $0) }
        let sets = RecordHistory(of: key, changes: alice.log).entries.filter { $0.op == "set" }
        #expect(sets.map { $0.concurrentWith.map(\.author) } == [["bob"], ["alice"], []])
        #expect(sets[2].seen == ["Kabul airport attack"], "an lww writer sees the winner only")
    }

    @Test func claimsAndRetractionsRecordWhatWasWritten() throws {
        var alice = TestReplica("alice", replica: "r1")
        let key = try alice.create(.incident, id: IDs.airport, Seed.airportFields)
        let claim = CasualtyClaim(kind: "killed", low: 185, high: 185, source: IDs.france24, note: "including 13 American soldiers")
        let added = try alice.edit(key) { try Edit.addClaim(claim, in: $0) }
        try alice.edit(key) { try Edit.retract(added.version, retracted: true, in: $0) }
        let entries = RecordHistory(of: key, changes: alice.log).entries
        #expect(entries[1].written?.objectValue?["low"] == 185 && entries[1].written?.objectValue?["note"] == "including 13 American soldiers")
        #expect(entries[2].written == ["claim": .string(added.version.description), "retracted": true])
        #expect(entries[1].seen == nil && entries[1].concurrentWith.isEmpty)
    }
}
