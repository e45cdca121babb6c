import CompressNIO
import DossierCore
import DossierTestSupport
@testable import DossierServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Tokens, roles, team isolation and the error shape.
@Suite struct AccessAPITests {
    static let syncEndpoints: [(String, HTTPRequest.Method)] = [
        ("/v1/changes", .post), ("/v1/changes", .get), ("/v1/snapshot", .get), ("/v1/status", .get),
    ]

    @Test func everySyncEndpointRefusesAMissingForgedOrRevokedToken() async throws {
        try await APIFixture.test { client, fixture in
            var forged = HTTPFields()
            forged[.authorization] = "Bearer dsr_0123456789abcdef_" + String(repeating: "0", count: 64)
            var realSelectorWrongSecret = HTTPFields()
            let amina = fixture.tokens["amina"]!
            realSelectorWrongSecret[.authorization] = "Bearer " + amina.dropLast(4) + "ffff"
            try await fixture.store.revokeUser(named: "hamid")
            for (uri, method) in Self.syncEndpoints {
                for (headers, code) in [(HTTPFields(), "unauthorized"), (forged, "unauthorized"), (realSelectorWrongSecret, "unauthorized"),
                                        (fixture.auth("hamid"), "revoked")] {
                    try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: "{\"changes\":[]}")) { (response: TestResponse) async throws in
                        #expect(response.status == .unauthorized, "\(method) \(uri)")
                        #expect(try HTTPJSON.error(response).code == code, "only the holder of the secret learns it was revoked")
                    }
                }
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aSecondTeamCanNeitherReadNorWriteTheFirstTeamsData(_ kind: StoreKind) async throws {
        try await APIFixture.test(kind) { client, fixture in
            var amina = Researcher("amina", replica: "laptop1")
            let incident = try amina.incident()
            _ = try await client.execute(uri: "/v1/changes", method: .post, headers: fixture.auth("amina"),
                                         body: HTTPJSON.body(PushRequest(changes: [incident])))
            try await client.execute(uri: "/v1/changes", method: .get, headers: fixture.auth("claire")) { (response: TestResponse) async throws in
                #expect(try HTTPJSON.decode(PullPage.self, response).changes.isEmpty)
            }
            try await client.execute(uri: "/v1/snapshot", method: .get, headers: fixture.auth("claire")) { (response: TestResponse) async throws in
                #expect(try HTTPJSON.decode(SnapshotPage.self, response).records.isEmpty)
            }
            // Claire edits the kabul record's id from her own team: it lands in paris's log only.
            var claire = Researcher("claire", replica: "laptop7")
            claire.dataset.apply(incident)
            let edit = try claire.set("title", "Renamed by another team", on: incident.key)
            try await client.execute(uri: "/v1/changes", method: .post, headers: fixture.auth("claire"),
                                     body: HTTPJSON.body(PushRequest(changes: [edit]))) { (response: TestResponse) async throws in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/v1/changes", method: .get, headers: fixture.auth("amina")) { (response: TestResponse) async throws in
                #expect(try HTTPJSON.decode(PullPage.self, response).changes == [incident])
            }
            try await client.execute(uri: "/v1/snapshot", method: .get, headers: fixture.auth("amina")) { (response: TestResponse) async throws in
                let records = try HTTPJSON.decode(SnapshotPage.self, response).records
                #expect(records.first?.fields["title"]?.currentValue == "Suicide attack at Kabul airport")
            }
        }
    }

    @Test func aViewerCanPullButNotPush() async throws {
        try await APIFixture.test { client, fixture in
            var omar = Researcher("omar", replica: "laptop3")
            try await client.execute(uri: "/v1/changes", method: .post, headers: fixture.auth("omar"),
                                     body: HTTPJSON.body(PushRequest(changes: [try omar.incident()]))) { (response: TestResponse) async throws in
                #expect(response.status == .forbidden)
                #expect(try HTTPJSON.error(response).code == "forbidden")
            }
            try await client.execute(uri: "/v1/changes", method: .get, headers: fixture.auth("omar")) { (response: TestResponse) async throws in
                #expect(response.status == .ok)
            }
            #expect(try await fixture.store.head(team: 1) == 0)
        }
    }

    @Test func errorsAreJSONWithTheRightStatusAndNoInternals() async throws {
        var settings = ServerSettings()
        settings.maxBodyBytes = 2_000
        try await APIFixture.test(settings: settings) { client, fixture in
            let auth = fixture.auth("amina")
            var mismatched = auth
            mismatched[HTTPField.Name("Dossier-Protocol")!] = "2"
            let cases: [(String, HTTPRequest.Method, HTTPFields, String, HTTPResponse.Status, String)] = [
                ("/v1/nowhere", .get, auth, "", .notFound, "not_found"),
                ("/v1/changes", .post, auth, "{\"changes\": [", .badRequest, "bad_request"),
                ("/v1/changes", .post, auth, "[1, 2, 3]", .badRequest, "bad_request"),
                ("/v1/changes", .post, auth, String(repeating: " ", count: 3_000) + "{}", .contentTooLarge, "too_large"),
                ("/v1/changes?limit=0", .get, auth, "", .badRequest, "bad_request"),
                ("/v1/changes?after=-4", .get, auth, "", .badRequest, "bad_request"),
                ("/v1/snapshot?after=nonsense", .get, auth, "", .badRequest, "bad_request"),
                ("/v1/status", .get, mismatched, "", .badRequest, "protocol_mismatch"),
            ]
            for (uri, method, headers, body, status, code) in cases {
                try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: body)) { (response: TestResponse) async throws in
                    #expect(response.status == status, "\(method) \(uri)")
                    let error = try HTTPJSON.error(response)
                    #expect(error.code == code, "\(method) \(uri)")
                    #expect(!error.message.contains("SQLite") && !error.message.contains("Swift"))
                }
            }
        }
    }

    @Test func gzipIsAcceptedAndOfferedBothWays() async throws {
        try await APIFixture.test { client, fixture in
            var amina = Researcher("amina", replica: "laptop1")
            var plain = HTTPJSON.body(PushRequest(changes: try amina.incidents(60)))
            var headers = fixture.auth("amina")
            headers[.contentEncoding] = "gzip"
            headers[.acceptEncoding] = "gzip, deflate"
            try await client.execute(uri: "/v1/changes", method: .post, headers: headers, body: try plain.compress(with: .gzip())) { (response: TestResponse) async throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentEncoding] == "gzip")
                var body = response.body
                let reply = try JSONDecoder().decode(PushReply.self, from: Data(buffer: try body.decompress(with: .gzip())))
                #expect(reply.receipts.count == 60 && reply.receipts.allSatisfy { $0.status == .accepted })
            }
        }
    }

    @Test func healthAndMetricsNeedNoToken() async throws {
        try await APIFixture.test { client, fixture in
            var amina = Researcher("amina", replica: "laptop1")
            _ = try await client.execute(uri: "/v1/changes", method: .post, headers: fixture.auth("amina"),
                                         body: HTTPJSON.body(PushRequest(changes: try amina.incidents(2))))
            try await client.execute(uri: "/healthz", method: .get) { (response: TestResponse) async throws in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "{\"status\":\"ok\"}")
            }
            try await client.execute(uri: "/metrics", method: .get) { (response: TestResponse) async throws in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("dossier_changes_pushed_total{status=\"accepted\"} 2"))
            }
        }
    }
}
