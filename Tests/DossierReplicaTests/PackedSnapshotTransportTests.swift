import DossierCore
@testable import DossierReplica
import DossierTestSupport
import Foundation
import Testing

/// Over libcurl the client asks for the snapshot packed, and reads the same records the changes merge to.
@Suite struct PackedSnapshotTransportTests {
    @Test func aBootstrapOverCurlReadsThePackedSnapshotAsTheMergedRecords() async throws {
        try await TeamServer.with(users: [("amina", "editor"), ("omar", "viewer")]) { server in
            let transport = CurlTransport(options: TransportTests.options(server, "amina"))
            let client = SyncClient(transport: transport)
            var amina = Researcher("amina", replica: "laptop1", millis: systemWallClock())
            var changes = try amina.incidents(3)
            changes.append(try amina.set("place", "Abbey Gate, Kabul airport", on: changes[1].key))
            let batch = changes
            _ = try await offPool { try client.push(batch) }

            let packed = try await offPool { try transport.get("/v1/snapshot", query: ["limit": "2"], accepting: SyncProtocol.packedMediaType) }
            #expect(packed.header("Content-Type") == SyncProtocol.packedMediaType)
            let json = try await offPool { try transport.get("/v1/snapshot", query: ["limit": "2"]) }
            #expect(json.header("Content-Type")?.hasPrefix("application/json") == true)
            var records: [RecordState] = []
            var after: String?
            repeat {
                let start = after
                let page = try await offPool { try client.snapshot(after: start, limit: 2) }
                #expect(page.cursor == 4)
                records += try page.records
                after = page.nextAfter
            } while after != nil
            #expect(records == amina.dataset.records.keys.sorted().map { amina.dataset.records[$0]! })
        }
    }
}
