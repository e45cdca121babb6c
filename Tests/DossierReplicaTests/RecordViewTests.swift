import DossierCore
import DossierTestSupport
@testable import DossierReplica
import Foundation
import Testing

/// `dossier show` and the canonical export present a record through the same projection.
@Suite struct RecordViewTests {
    @Test func aRecordViewShowsWhatTheCanonicalExportHolds() throws {
        var amina = Researcher("amina", replica: "laptop1", millis: 1_661_500_000_000)
        var bilal = Researcher("bilal", replica: "laptop2", millis: 1_661_500_000_000)
        let incident = try amina.incident()
        bilal.dataset.apply(incident)
        let claim = CasualtyClaim(kind: "killed", low: 170, high: 185, qualifier: "approx", source: IDs.france24, note: nil)
        var changes = [incident, try amina.make(.addClaim(field: "casualties", claim: claim), on: incident.key)]
        changes.append(try amina.set("place", "Abbey Gate", on: incident.key))
        changes.append(try bilal.set("place", "Baron Hotel", on: incident.key))
        var dataset = Dataset()
        dataset.apply(contentsOf: changes)
        let state = try #require(dataset[incident.key])

        let view = RecordView(state, in: dataset)
        let exported = try JSONSerialization.jsonObject(with: CanonicalExport(dataset).data) as? [String: Any]
        let record = try #require((exported?["records"] as? [[String: Any]])?.first)
        let viewJSON = try JSONSerialization.jsonObject(with: CanonicalJSON.encode(view)) as? [String: Any]
        #expect(try Self.same(viewJSON?["fields"], record["fields"]))
        #expect(try Self.same(viewJSON?["conflicts"], record["conflicts"]))
        #expect(try Self.same(viewJSON?["casualties"], record["derived"]))
        #expect(view.createdBy == record["created_by"] as? String && view.deleted == (record["deleted"] as? Bool))
        #expect(!view.conflicts.isEmpty && view.casualties["killed"] != nil && view.fields["place"] != nil)
    }

    /// True when two decoded JSON values encode to the same bytes.
    static func same(_ a: Any?, _ b: Any?) throws -> Bool {
        guard let a, let b else { return false }
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .fragmentsAllowed]
        return try JSONSerialization.data(withJSONObject: a, options: options) == JSONSerialization.data(withJSONObject: b, options: options)
    }
}
