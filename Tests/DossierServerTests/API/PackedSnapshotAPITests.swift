import DossierCore
@testable import DossierServer
import DossierTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A replica may ask for the snapshot in the packed form; every page must hold the same records as the JSON form.
@Suite struct PackedSnapshotAPITests {
    @Test(arguments: StoreKind.allCases)
    func everyPackedPageHoldsTheSameRecordsAsTheJSONPage(_ kind: StoreKind) async throws {
        try await APIFixture.test(kind) { client, fixture in
            var amina = Researcher("amina", replica: "laptop1", millis: systemWallClock())
            var changes = try amina.incidents(5)
            changes.append(try amina.set("place", "Abbey Gate, Kabul airport", on: changes[0].key))
            _ = try await fixture.store.push(changes, team: 1, receivedAt: 1)
            var packedHeaders = fixture.auth("omar")
            packedHeaders[.accept] = "\(SyncProtocol.packedMediaType), application/json"
            var after: String?
            var pages = 0
            repeat {
                let uri = "/v1/snapshot?limit=2" + (after.map { "&after=\($0)" } ?? "")
                let json = try await client.execute(uri: uri, method: .get, headers: fixture.auth("omar")) { (response: TestResponse) in
                    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                    return try SnapshotPage(json: Data(response.body.readableBytesView))
                }
                let packed = try await client.execute(uri: uri, method: .get, headers: packedHeaders) { (response: TestResponse) in
                    #expect(response.headers[.contentType] == SyncProtocol.packedMediaType)
                    return try SnapshotPage(packed: Array(buffer: response.body))
                }
                #expect(try packed.records == json.records && packed.cursor == json.cursor && packed.nextAfter == json.nextAfter)
                after = json.nextAfter
                pages += 1
            } while after != nil
            #expect(pages == 3)
        }
    }

    @Test func aDamagedOrForeignPackedPageIsRefused() throws {
        let page = SnapshotPage(records: [], cursor: 7, nextAfter: nil).packed
        #expect(try SnapshotPage(packed: page).cursor == 7)
        #expect(throws: PackedError.self) { try SnapshotPage(packed: [2] + page.dropFirst()) }
        #expect(throws: PackedError.self) { try SnapshotPage(packed: page + [0]) }
        #expect(throws: PackedError.self) { try SnapshotPage(packed: Array(page.dropLast())) }
    }
}
