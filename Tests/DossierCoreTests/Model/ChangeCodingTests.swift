import Foundation
import Testing
@testable import DossierCore
import DossierTestSupport

@Suite struct ChangeCodingTests {
    private let replica = ReplicaID("r1")!

    private func change(_ operation: ChangeOperation) -> Change {
        Change(id: ChangeID(replica: replica, counter: 3), version: HLC(millis: 1_661_500_000_000, counter: 2, replica: replica),
               author: "alice", entity: .incident, record: IDs.airport, operation: operation)
    }

    @Test func everyOperationRoundTripsThroughJSON() throws {
        let tag = HLC(millis: 5, counter: 0, replica: ReplicaID("r2")!)
        let operations: [ChangeOperation] = [
            .create(fields: Seed.airportFields), .set(field: "place", value: "Kabul airport", supersedes: [tag]),
            .resolve(field: "date", value: "2021-08-26", supersedes: [tag]), .add(field: "tags", element: "airport"),
            .remove(field: "tags", element: "airport", tags: [tag]),
            .addClaim(field: "casualties", claim: CasualtyClaim(kind: "killed", low: 185, high: 185, source: IDs.france24, note: "incl. 13 US soldiers")),
            .retractClaim(field: "casualties", claim: tag, retracted: true), .setMine(field: "reliability", value: ["grade": "B"]),
            .delete(supersedes: [tag]), .restore(supersedes: [tag]),
        ]
        for operation in operations {
            let original = change(operation)
            let data = CanonicalJSON.encode(original)
            let decoded = try JSONDecoder().decode(Change.self, from: data)
            #expect(decoded == original, "\(operation.name)")
            #expect(CanonicalJSON.encode(decoded) == data)
        }
    }

    @Test func wireFormIsFlatWithAnOpName() throws {
        let data = CanonicalJSON.encode(change(.add(field: "tags", element: "airport")))
        #expect(String(decoding: data, as: UTF8.self) ==
            #"{"author":"alice","element":"airport","entity":"incident","field":"tags","id":"r1:3","op":"add","record":"01912d6e-0000-7000-8000-000000000001","version":"001661500000000-000002-r1"}"#)
    }

    @Test func unknownOpsAndEntitiesAreDecodingErrors() {
        let unknownOp = #"{"author":"a","entity":"incident","id":"r1:1","op":"merge","record":"x","version":"000000000000001-000000-r1"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Change.self, from: Data(unknownOp.utf8)) }
        let unknownEntity = #"{"author":"a","entity":"place","id":"r1:1","op":"delete","supersedes":[],"record":"x","version":"000000000000001-000000-r1"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Change.self, from: Data(unknownEntity.utf8)) }
    }

    @Test func recordStateRoundTripsThroughJSON() throws {
        var alice = TestReplica("alice", replica: "r1")
        let key = try alice.create(.incident, id: IDs.airport, Seed.airportFields)
        try alice.edit(.addClaim(field: "casualties", claim: CasualtyClaim(kind: "killed", low: 185, high: 185, source: IDs.france24)), on: key)
        try alice.edit(key) { try Edit.remove("airport", from: "tags", in: $0) }
        let state = try #require(alice.dataset[key])
        let decoded = try JSONDecoder().decode(RecordState.self, from: JSONEncoder().encode(state))
        #expect(decoded == state)
    }

    @Test func canonicalExportIsTheSameBytesWhateverTheOrderOfApplication() throws {
        var alice = TestReplica("alice", replica: "r1")
        let key = try alice.create(.incident, id: IDs.airport, Seed.airportFields)
        try alice.edit(key) { try Edit.add("night", to: "tags", in: $0) }
        try alice.edit(.setMine(field: "reliability", value: ["grade": "B"]), on: try alice.create(.source, id: IDs.france24, Seed.sourceFields))
        var reversed = Dataset()
        reversed.apply(contentsOf: alice.log.reversed())
        #expect(CanonicalExport(reversed).data == CanonicalExport(alice.dataset).data)
        let text = String(decoding: CanonicalExport(alice.dataset).data, as: UTF8.self)
        #expect(text.hasPrefix(#"{"records":[{"conflicts":[],"created_at":"#))
        #expect(text.contains(#""review_status":"draft""#))  // the default is shown, not stored
    }
}

@Suite struct RecordHistoryTests {
    @Test func historyShowsWhoWhenWhereAndOldAndNewValues() throws {
        var alice = TestReplica("alice", replica: "r1", millis: 1_000)
        var bob = TestReplica("bob", replica: "r2", millis: 2_000)
        let key = try alice.create(.incident, id: IDs.airport, Seed.airportFields)
        bob.receive(from: alice)
        try bob.edit(key) { try Edit.set("place", to: "Abbey Gate, Kabul airport", in: $0) }
        try bob.edit(key) { try Edit.delete($0) }
        let history = RecordHistory(of: key, changes: (bob.log + alice.log).reversed())
        #expect(history.entries.map(\.op) == ["create", "set", "delete"])
        #expect(history.entries.map(\.author) == ["alice", "bob", "bob"])
        #expect(history.entries.map(\.replica) == ["r1", "r2", "r2"])
        #expect(history.entries[1].field == "place")
        #expect(history.entries[1].old == "Kabul airport" && history.entries[1].new == "Abbey Gate, Kabul airport")
        #expect(history.entries[2].old == "present" && history.entries[2].new == "deleted")
    }
}
