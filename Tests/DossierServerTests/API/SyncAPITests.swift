import DossierCore
import DossierTestSupport
@testable import DossierServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The sync endpoints through the router: push, pull, snapshot and status.
@Suite struct SyncAPITests {
    @Test func pushThenPullRoundTripsAndARetryIsAlreadyHad() async throws {
        try await APIFixture.test { client, fixture in
            var amina = Researcher("amina", replica: "laptop1")
            let changes = try amina.incidents(3)
            try await client.execute(uri: "/v1/changes", method: .post, headers: fixture.auth("amina"),
                                     body: HTTPJSON.body(PushRequest(changes: changes))) { (response: TestResponse) async throws in
                #expect(response.status == .ok)
                #expect(try HTTPJSON.decode(PushReply.self, response).receipts.map(\.status) == [.accepted, .accepted, .accepted])
                #expect(response.headers[HTTPField.Name("Dossier-Protocol")!] == "1")
            }
            try await client.execute(uri: "/v1/changes", method: .post, headers: fixture.auth("amina"),
                                     body: HTTPJSON.body(PushRequest(changes: changes))) { (response: TestResponse) async throws in
                #expect(try HTTPJSON.decode(PushReply.self, response).receipts.map(\.status) == [.alreadyHad, .alreadyHad, .alreadyHad])
            }
            try await client.execute(uri: "/v1/changes?after=1&limit=5", method: .get, headers: fixture.auth("omar")) { (response: TestResponse) async throws in
                let page = try HTTPJSON.decode(PullPage.self, response)
                #expect(try page.changes == Array(changes.dropFirst()))
                #expect(page.next == 3 && !page.more)
            }
            try await client.execute(uri: "/v1/snapshot", method: .get, headers: fixture.auth("omar")) { (response: TestResponse) async throws in
                let page = try HTTPJSON.decode(SnapshotPage.self, response)
                #expect(try page.cursor == 3 && page.records.count == 3 && page.nextAfter == nil)
            }
            try await client.execute(uri: "/v1/status", method: .get, headers: fixture.auth("hamid")) { (response: TestResponse) async throws in
                let status = try HTTPJSON.decode(StatusReply.self, response)
                #expect(status.user == "hamid" && status.team == "kabul" && status.role == .admin)
                #expect(status.cursor == 3 && status.protocolVersion == 1)
                #expect(abs(status.serverTime - systemWallClock()) < 60_000)
            }
        }
    }

    @Test func aBadChangeIsRejectedWithItsReasonAndTheGoodOnesAreStored() async throws {
        var settings = ServerSettings()
        settings.clock = { 1_700_000_000_000 }
        try await APIFixture.test(settings: settings) { client, fixture in
            var amina = Researcher("amina", replica: "laptop1", millis: 1_700_000_000_000)
            var mallory = Researcher("claire", replica: "laptop9", millis: 1_700_000_000_000)
            var ahead = Researcher("amina", replica: "laptop2", millis: 1_700_000_000_000 + 3 * 86_400_000)
            let good = try amina.incident()
            var negative = try amina.make(.addClaim(field: "casualties", claim: CasualtyClaim(kind: "killed", low: 1, high: 1, source: amina.newID())), on: good.key)
            negative.operation = .addClaim(field: "casualties", claim: CasualtyClaim(kind: "killed", low: -5, high: 3, qualifier: "approx", source: amina.newID()))
            let forged = try mallory.incident()
            let future = try ahead.incident()
            let good2 = try amina.incident("Attack on a Hazara school")
            let raw = """
                {"changes":[\(String(decoding: CanonicalJSON.encode(good), as: UTF8.self)),
                {"id":"laptop1:99","op":"create"},
                \(String(decoding: CanonicalJSON.encode(negative), as: UTF8.self)),
                \(String(decoding: CanonicalJSON.encode(forged), as: UTF8.self)),
                \(String(decoding: CanonicalJSON.encode(future), as: UTF8.self)),
                \(String(decoding: CanonicalJSON.encode(good2), as: UTF8.self))]}
                """
            try await client.execute(uri: "/v1/changes", method: .post, headers: fixture.auth("amina"), body: ByteBuffer(string: raw)) { (response: TestResponse) async throws in
                #expect(response.status == .ok)
                let receipts = try HTTPJSON.decode(PushReply.self, response).receipts
                #expect(receipts.map(\.status) == [.accepted, .rejected, .rejected, .rejected, .rejected, .accepted])
                #expect(receipts.map(\.code) == [nil, "malformed", "invalid", "author_mismatch", "clock_ahead", nil])
                #expect(receipts[1].id == "laptop1:99")
                #expect(receipts[2].message == "casualties.low: must be 0 or more")
            }
            let page = try await fixture.store.pull(team: 1, after: 0, limit: 100)
            #expect(page.changes == [good, good2])
        }
    }

    @Test func aReusedChangeIDWithOtherContentIsRejected() async throws {
        try await APIFixture.test { client, fixture in
            var amina = Researcher("amina", replica: "laptop1")
            let original = try amina.incident()
            var reused = original
            reused.operation = .create(fields: ["title": "Something else", "date": "2022", "place": "Kabul", "event_type": "Battles"])
            for (change, status) in [(original, Receipt.Status.accepted), (reused, .rejected)] {
                try await client.execute(uri: "/v1/changes", method: .post, headers: fixture.auth("amina"),
                                         body: HTTPJSON.body(PushRequest(changes: [change]))) { (response: TestResponse) async throws in
                    let receipt = try HTTPJSON.decode(PushReply.self, response).receipts[0]
                    #expect(receipt.status == status)
                    if status == .rejected { #expect(receipt.code == "id_reused") }
                }
            }
            #expect(try await fixture.store.pull(team: 1, after: 0, limit: 10).changes == [original])
        }
    }
}
