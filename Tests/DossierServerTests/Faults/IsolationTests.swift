import CompressNIO
import DossierCore
import DossierTestSupport
@testable import DossierServer
import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// Isolation and roles against the live server on both stores: another team's token and a viewer's token succeed
/// nowhere they should not, no missing, forged or misplaced token gets in anywhere, and no token reaches the log.
@Suite struct IsolationTests {
    /// Every endpoint under `/v1`.
    static let endpoints: [(HTTPRequest.Method, String)] = [(.post, "/v1/changes"), (.get, "/v1/changes"), (.get, "/v1/snapshot"), (.get, "/v1/status")]

    /// Kabul's data as amina pushes it: an incident, a claim on it, an edit and an annotation.
    static func seedKabul(_ live: LiveHarness) async throws -> [Change] {
        var amina = Researcher("amina", replica: "laptop1", millis: systemWallClock())
        let incident = try amina.incident()
        let changes = [incident,
                       try amina.make(.addClaim(field: "casualties", claim: CasualtyClaim(kind: "killed", low: 185, high: 185, source: amina.newID())), on: incident.key),
                       try amina.set("summary", "Kabul-only summary", on: incident.key),
                       try amina.make(.create(fields: ["target": .string(incident.record), "kind": "note", "body": "Kabul-only note"]),
                                      on: RecordKey(entity: .annotation, id: amina.newID()))]
        let receipts = try await live.push("amina", HTTPJSON.body(PushRequest(changes: changes))).receipts()
        try #require(receipts.allSatisfy { $0.status == .accepted })
        return changes
    }

    /// Paris reads nothing of kabul on any endpoint, cannot replay kabul's changes, and its own writes on kabul's ids stay in paris.
    @Test(arguments: StoreKind.allCases)
    func anotherTeamsTokenReadsNothingAndChangesNothingOfTheFirstTeam(_ kind: StoreKind) async throws {
        try await LiveHarness.run(kind) { live in
            let kabul = try await Self.seedKabul(live)
            let before = try await live.contents(of: "amina")
            let claire = live.fixture.auth("claire")
            for after in 0...Int64(kabul.count) {
                let page = try await live.send(.get, "/v1/changes?after=\(after)&limit=5000", headers: claire).decode(PullPage.self)
                #expect(try page.changes.isEmpty && page.next == after && !page.more, "pull after \(after)")
            }
            for uri in ["/v1/snapshot", "/v1/snapshot?limit=5000", "/v1/snapshot?after=annotation/00000000-0000-7000-8000-000000000000"] {
                let page = try await live.send(.get, uri, headers: claire).decode(SnapshotPage.self)
                #expect(try page.records.isEmpty && page.cursor == 0, "\(uri)")
            }
            let status = try await live.send(.get, "/v1/status", headers: claire).decode(StatusReply.self)
            #expect(status.team == "paris" && status.user == "claire" && status.cursor == 0)

            // Amina's changes replayed with claire's token are refused as amina's.
            let replayed = try await live.push("claire", HTTPJSON.body(PushRequest(changes: kabul))).receipts()
            #expect(replayed.map(\.code) == Array(repeating: "author_mismatch", count: kabul.count))
            // Claire's own changes, on kabul's record ids and with kabul's change ids, land in paris only: nothing
            // tells her kabul holds those ids (no id_reused, no already_had).
            var mallory = Researcher("claire", replica: "laptop1", millis: systemWallClock())
            let target = kabul[0].key
            mallory.dataset.apply(kabul[0])
            let intrusions = [try mallory.set("title", "Renamed from paris", on: target),
                              try mallory.make(.addClaim(field: "casualties", claim: CasualtyClaim(kind: "killed", low: 1, high: 1, source: mallory.newID())), on: target),
                              try mallory.make(.create(fields: ["target": .string(target.id), "kind": "note", "body": "From paris"]),
                                               on: kabul[3].key),
                              try mallory.make(.delete(supersedes: [kabul[0].version]), on: target)]
            #expect(intrusions.map(\.id) == kabul.map(\.id))
            let receipts = try await live.push("claire", HTTPJSON.body(PushRequest(changes: intrusions))).receipts()
            #expect(receipts.map(\.status) == Array(repeating: .accepted, count: intrusions.count))

            #expect(try await live.contents(of: "amina") == before)
            #expect(try await live.send(.get, "/v1/changes", headers: live.fixture.auth("omar")).decode(PullPage.self).changes == kabul)
            let again = try await live.push("amina", HTTPJSON.body(PushRequest(changes: kabul))).receipts()
            #expect(again.map(\.status) == Array(repeating: .alreadyHad, count: kabul.count))
            let paris = try await live.contents(of: "claire")
            #expect(paris.changes == intrusions)
            for record in paris.records {
                #expect(!record.contains("Kabul-only") && !record.contains("amina") && !record.contains("Suicide attack"), "\(record)")
            }
        }
    }

    /// A viewer's every push is 403 before its body is read and stores nothing; it reads its team; editor and admin may push.
    @Test(arguments: StoreKind.allCases)
    func aViewerReadsItsTeamButEveryWriteIsRefused(_ kind: StoreKind) async throws {
        try await LiveHarness.run(kind) { live in
            let kabul = try await Self.seedKabul(live)
            let before = try await live.contents(of: "amina")
            var omar = Researcher("omar", replica: "laptop3", millis: systemWallClock())
            var gzipped = HTTPJSON.body(PushRequest(changes: [try omar.incident("Gzipped by a viewer")]))
            var gzip = HTTPFields()
            gzip[.contentEncoding] = "gzip"
            let attempts: [(String, ByteBuffer, HTTPFields)] = [
                ("own change", HTTPJSON.body(PushRequest(changes: [try omar.incident()])), [:]),
                ("an editor's changes", HTTPJSON.body(PushRequest(changes: kabul)), [:]),
                ("an empty batch", ByteBuffer(string: "{\"changes\":[]}"), [:]),
                ("an unreadable body", ByteBuffer(string: "{\"changes\": ["), [:]),
                ("a gzipped body", try gzipped.compress(with: .gzip()), gzip),
            ]
            for (name, body, headers) in attempts {
                try await live.push("omar", body, headers: headers).expectError(.forbidden, "forbidden", "viewer push: \(name)")
            }
            #expect(try await live.contents(of: "amina") == before)
            let viewer = live.fixture.auth("omar")
            #expect(try await live.send(.get, "/v1/changes", headers: viewer).decode(PullPage.self).changes == kabul)
            #expect(try await live.send(.get, "/v1/snapshot", headers: viewer).decode(SnapshotPage.self).records.count == before.records.count)
            let status = try await live.send(.get, "/v1/status", headers: viewer).decode(StatusReply.self)
            #expect(status.role == .viewer && status.team == "kabul" && status.cursor == before.head)
            // The editor and the admin of the same team may push.
            for user in ["amina", "hamid"] {
                var researcher = Researcher(user, replica: "laptop_\(user)", millis: systemWallClock())
                let receipts = try await live.push(user, HTTPJSON.body(PushRequest(changes: [try researcher.incident()]))).receipts()
                #expect(receipts.map(\.status) == [.accepted], "\(user)")
            }
        }
    }

    /// Every endpoint refuses missing, malformed, forged, revoked, doubled and misplaced tokens with 401, and none is logged.
    @Test(arguments: StoreKind.allCases)
    func missingForgedAndMisplacedTokensGetInNowhere(_ kind: StoreKind) async throws {
        try await LiveHarness.run(kind) { live in
            _ = try await Self.seedKabul(live)
            try await live.fixture.store.revokeUser(named: "hamid")
            let kabulBefore = try await live.contents(of: "amina")
            let token = try #require(AccessToken(live.fixture.tokens["amina"]!))
            let other = AccessToken.generate()
            func header(_ value: String) -> HTTPFields { [.authorization: value] }
            var both = header("Bearer \(token)")
            both.append(HTTPField(name: .authorization, value: "Bearer \(live.fixture.tokens["claire"]!)"))
            let variants: [(String, HTTPFields, String)] = [
                ("no header", [:], ""),
                ("an empty bearer", header("Bearer "), ""),
                ("the scheme alone", header("Bearer"), ""),
                ("basic credentials", header("Basic " + Data("amina:\(token)".utf8).base64EncodedString()), ""),
                ("no scheme", header("\(token)"), ""),
                ("another scheme", header("Token \(token)"), ""),
                ("a well-formed stranger", header("Bearer \(other)"), ""),
                ("amina's selector, another secret", header("Bearer dsr_\(token.selector)_\(other.secret)"), ""),
                ("the secret alone", header("Bearer \(token.secret)"), ""),
                ("the selector alone", header("Bearer dsr_\(token.selector)"), ""),
                ("the secret in capitals", header("Bearer dsr_\(token.selector)_\(token.secret.uppercased())"), ""),
                ("one character more", header("Bearer \(token)0"), ""),
                ("one character less", header("Bearer \(String(token.description.dropLast()))"), ""),
                ("the token and a word", header("Bearer \(token) please"), ""),
                ("two tokens", both, ""),
                ("a revoked token", header("Bearer \(live.fixture.tokens["hamid"]!)"), ""),
                ("a 10 KB token", header("Bearer " + String(repeating: "a", count: 10_000)), ""),
                ("a cookie", [.cookie: "token=\(token)"], ""),
                ("the query: token", [:], "token=\(token)"),
                ("the query: access_token", [:], "access_token=\(token)"),
                ("the query: authorization", [:], "authorization=Bearer%20\(token)"),
            ]
            var amina = Researcher("amina", replica: "laptop9", millis: systemWallClock())
            for (method, path) in Self.endpoints {
                for (name, headers, query) in variants {
                    let uri = query.isEmpty ? path : "\(path)?\(query)"
                    let body = method == .post ? HTTPJSON.body(PushRequest(changes: [try amina.incident()])) : nil
                    // Only the holder of a revoked token's secret learns that it was revoked.
                    let code = name == "a revoked token" ? "revoked" : "unauthorized"
                    try await live.send(method, uri, headers: headers, body: body).expectError(.unauthorized, code, "\(method) \(path): \(name)")
                }
            }
            #expect(try await live.contents(of: "amina") == kabulBefore)
            #expect(try await live.contents(of: "claire").head == 0)
            let lines = live.server.log().components(separatedBy: "\n")
            let captured = lines.contains { $0.contains("Request") && $0.contains("token=***") }
            #expect(captured, "the server's request log was not captured")
            for secret in [token.description, token.secret, other.secret, live.fixture.tokens["claire"]!] {
                let leaks = lines.filter { $0.contains(secret) }.count
                #expect(leaks == 0, "\(leaks) log line(s) hold a token or its secret")
            }
        }
    }

    /// The real binary at trace level, after succeeding, refused and misplaced-token requests, logs no token and no secret.
    @Test(arguments: StoreKind.allCases)
    func noTokenNorItsSecretReachesTheServersLogAtTraceLevel(_ kind: StoreKind) async throws {
        let server = try await TeamServer.fresh(kind)
        let tokens = try await server.location().withStore(logger: TestStores.logger) { store in try await APIFixture.make(store).tokens }
        try server.start(logLevel: "trace")
        defer { server.stop() }
        func auth(_ user: String) -> HTTPFields { [.authorization: "Bearer \(tokens[user]!)", .acceptEncoding: "gzip"] }
        func send(_ method: HTTPRequest.Method, _ uri: String, _ headers: HTTPFields, _ body: ByteBuffer? = nil) async throws -> HTTPResponse.Status {
            try await LiveHarness.send(port: server.port, method, uri, headers: headers, body: body).status
        }
        let amina = try #require(AccessToken(tokens["amina"]!))
        let forged = AccessToken.generate()
        let basic = Data("amina:\(amina)".utf8).base64EncodedString()
        var researcher = Researcher("amina", replica: "laptop1", millis: systemWallClock())
        var forger = Forger(replica: "laptop2", author: tokens["claire"]!, millis: systemWallClock())
        let requests: [(HTTPRequest.Method, String, HTTPFields, ByteBuffer?, HTTPResponse.Status)] = [
            (.post, "/v1/changes", auth("amina"), HTTPJSON.body(PushRequest(changes: try researcher.incidents(2))), .ok),
            (.post, "/v1/changes", auth("amina"), HTTPJSON.body(PushRequest(changes: [forger.change(.incident, researcher.newID(), .delete(supersedes: []))])), .ok),
            (.post, "/v1/changes", auth("amina"), ByteBuffer(string: "{\"changes\": [\"\(amina)\""), .badRequest),
            (.get, "/v1/changes?after=0&limit=10", auth("amina"), nil, .ok),
            (.get, "/v1/snapshot", auth("amina"), nil, .ok),
            (.get, "/v1/status", auth("claire"), nil, .ok),
            (.post, "/v1/changes", auth("omar"), HTTPJSON.body(PushRequest(changes: try researcher.incidents(1))), .forbidden),
            (.get, "/v1/status", [.authorization: "Bearer dsr_\(amina.selector)_\(forged.secret)"], nil, .unauthorized),
            (.get, "/v1/status", [.authorization: "Basic \(basic)"], nil, .unauthorized),
            (.get, "/v1/status?token=\(amina)", [:], nil, .unauthorized),
            (.get, "/v1/changes?after=0&access_token=\(tokens["claire"]!)", [:], nil, .unauthorized),
            (.get, "/v1/changes?after=\(amina.secret)", auth("omar"), nil, .badRequest),
            (.get, "/v1/snapshot?after=incident/\(amina)", auth("omar"), nil, .badRequest),
            (.get, "/v1/\(amina)", auth("amina"), nil, .notFound),
            (.get, "/\(amina.secret)?\(amina.secret)=\(amina.secret)", [:], nil, .notFound),
        ]
        for (method, uri, headers, body, status) in requests {
            #expect(try await send(method, uri, headers, body) == status, "\(method) \(uri.prefix(40))")
        }
        server.stop()
        let lines = server.log().components(separatedBy: "\n")
        let logged = lines.filter { $0.contains("Request") }.count
        let detailed = lines.contains { $0.contains("after=0") } && lines.contains { $0.contains("dossier.user") }
        #expect(logged >= requests.count && detailed, "the log did not capture the requests (\(logged) request lines)")
        var secrets = [basic, forged.secret]
        for token in tokens.values.compactMap({ AccessToken($0) }) { secrets += [token.description, token.secret] }
        for secret in secrets {
            let leaks = lines.filter { $0.contains(secret) }.count
            #expect(leaks == 0, "\(leaks) log line(s) hold a token or its secret")
        }
    }
}
