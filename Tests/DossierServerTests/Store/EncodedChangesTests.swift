import DossierCore
import DossierTestSupport
@testable import DossierServer
import Foundation
import Testing

/// Bodies encoded in parts are the canonical bodies, one per change, in the submitted order.
@Suite struct EncodedChangesTests {
    @Test(arguments: [1, 2, 3, 7])
    func bodiesEncodedInPartsAreTheCanonicalBodiesInOrder(_ parts: Int) async throws {
        var amina = Researcher("amina", replica: "laptop1", millis: 1_700_000_000_000)
        var changes = try amina.incidents(150)
        for change in changes.prefix(40) { changes.append(try amina.set("summary", .string("Revised: \(change.record)"), on: change.key)) }
        for count in [0, 1, EncodedChanges.splitAbove, EncodedChanges.splitAbove + 1, changes.count] {
            let batch = Array(changes.prefix(count))
            let encoded = await EncodedChanges.encode(batch, parts: parts)
            #expect(encoded.changes == batch)
            let bodies = encoded.bodies
            #expect(bodies == batch.map { String(decoding: CanonicalJSON.encode($0), as: UTF8.self) }, "parts \(parts), count \(count)")
            let decoded = try bodies.map { try JSONDecoder().decode(Change.self, from: Data($0.utf8)) }
            #expect(decoded == batch)
        }
    }
}
