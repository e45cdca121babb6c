import DossierCore
import DossierTestSupport
@testable import DossierReplica
import Foundation
import Testing

/// What `show` prints: control characters made visible, records by name, history entries in words, related records.
@Suite struct RecordTextTests {
    @Test func controlCharactersAreWrittenVisiblyAndTabsAndLineBreaksAsAsked() {
        #expect(VisibleText.of("Kabul\u{1B}[31m airport\u{07}") == "Kabul\\u{1B}[31m airport\\u{07}")
        #expect(VisibleText.of("a\u{9B}b\u{7F}c\u{0}") == "a\\u{9B}b\\u{7F}c\\u{00}")
        #expect(VisibleText.of("one\ttwo") == "one\ttwo")
        #expect(VisibleText.of("line one\r\nline two\nthree", lineBreaks: true) == "line one\nline two\nthree")
        #expect(VisibleText.of("line one\r\nline two") == "line one line two")
        #expect(VisibleText.of("ذبیح‌الله مجاهد") == "ذبیح‌الله مجاهد", "a zero-width non-joiner is not a control character")
    }

    @Test func historyLinesSayWhatWasSeenAndWrittenAndWhichEditsWereConcurrent() throws {
        var alice = TestReplica("alice", replica: "r1", millis: 1_661_500_000_000)
        var bob = TestReplica("bob", replica: "r2", millis: 1_661_500_001_000)
        let source = try alice.create(.source, id: IDs.france24, Seed.sourceFields)
        let key = try alice.create(.incident, id: IDs.airport, Seed.airportFields)
        bob.receive(from: alice)
        try alice.edit(key) { try Edit.set("place", to: "near a doorway", in: $0) }
        try bob.edit(key) { try Edit.set("place", to: "the entrance to Kabul airport", in: $0) }
        let claim = CasualtyClaim(kind: "killed", low: 185, high: 185, source: source.id, note: "including 13 American soldiers")
        let added = try bob.edit(key) { try Edit.addClaim(claim, in: $0) }
        try bob.edit(key) { try Edit.retract(added.version, retracted: true, in: $0) }
        bob.receive(from: alice)
        let text = RecordText(bob.dataset)
        let lines = RecordHistory(of: key, changes: bob.log).entries.map { text.history($0, of: key) }
        let title = "A year after the fall of Kabul, the Islamic State organization in ambush"
        #expect(lines.contains { $0.hasSuffix("bob@r2  set place: had seen Kabul airport; wrote the entrance to Kabul airport  — concurrent with alice's edit") }, "\(lines)")
        #expect(lines.contains { $0.hasSuffix("alice@r1  set place: had seen Kabul airport; wrote near a doorway  — concurrent with bob's edit") }, "\(lines)")
        #expect(lines.contains { $0.hasSuffix("claim: 185 killed (source \(title)), note \"including 13 American soldiers\"") }, "\(lines)")
        #expect(lines.contains { $0.hasSuffix("retracted claim 185 killed (source \(title)), note \"including 13 American soldiers\"") }, "\(lines)")
    }

    @Test func valuesNameRecordsAndGradesAndRelatedRecordsCarryAnAnnotationsState() throws {
        var alice = TestReplica("alice", replica: "r1")
        try alice.create(.actor, id: IDs.isk, ["kind": "organisation", "name": "Islamic State in Khorasan"])
        let source = try alice.create(.source, id: IDs.france24, Seed.sourceFields)
        var fields = Seed.airportFields
        fields["actors"] = [.string("\(IDs.isk):perpetrator")]
        fields["location"] = ["lat": 34.5656, "lon": 69.2078]
        let key = try alice.create(.incident, id: IDs.airport, fields)
        let note = try alice.create(.annotation, id: IDs.note, ["target": .string(key.id), "kind": "question", "body": "Who counted?"])
        try alice.edit(source) { _ in .setMine(field: "reliability", value: ["grade": "B", "rationale": "named journalist"]) }
        let text = RecordText(alice.dataset)
        let short = text.short(IDs.isk)
        #expect(text.value([.string("\(IDs.isk):perpetrator")], field: "actors", of: .incident) == "Islamic State in Khorasan [\(short)] (perpetrator)")
        #expect(text.value(["lat": 34.5656, "lon": 69.2078], field: "location", of: .incident) == "34.5656, 69.2078")
        let reliability = try #require(alice.dataset[source]?.fields["reliability"]?.currentValue)
        #expect(text.value(reliability, field: "reliability", of: .source) == "alice: B (usually reliable): \"named journalist\"")

        #expect(alice.dataset.related(to: key).map { [$0.relation, $0.id, $0.state] } == [["annotation", note.id, "open"]])
        try alice.edit(note) { try Edit.set("resolved", to: true, in: $0) }
        #expect(alice.dataset.related(to: key).map(\.state) == ["resolved"])
        #expect(alice.dataset.related(to: RecordKey(entity: .actor, id: IDs.isk)).map { [$0.relation, $0.id, $0.role] }
                == [["appears_in", key.id, "perpetrator"]])
    }
}
