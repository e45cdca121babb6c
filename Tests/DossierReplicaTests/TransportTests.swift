import DossierCore
import DossierTestSupport
@testable import DossierReplica
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

// Every libcurl call runs on a thread of its own (`offPool`), off the concurrency pool.
/// `CurlTransport` and `SyncClient` against the real server on loopback (and a small router for retries and headers).
@Suite(.serialized) struct TransportTests {
    /// Options for a user of a live server: short timeouts, one quick retry.
    static func options(_ server: TeamServer, _ user: String, pin: String? = nil, caFile: String? = nil) -> TransportOptions {
        TransportOptions(baseURL: server.url, token: server.tokens[user]!, pin: pin, caFile: caFile,
                         connectTimeout: 5, requestTimeout: 30, retries: 1, backoff: 0.01)
    }

    /// (a) Push, a repeated push, pull pages, snapshot and status through SyncClient.
    @Test func pushThenPullRoundTripsAndStatusNamesTheUser() async throws {
        try await TeamServer.with(users: [("amina", "editor"), ("omar", "viewer")]) { server in
            let client = SyncClient(options: Self.options(server, "amina"))
            let before = systemWallClock()
            let status = try await offPool { try client.status() }
            let after = systemWallClock()
            #expect(status.user == "amina" && status.team == "kabul" && status.role == .editor)
            #expect(status.protocolVersion == SyncProtocol.version && status.cursor == 0)
            // The server's clock is read during the call, which a loaded machine can stretch: compare with the call's span.
            #expect((before - 60_000)...(after + 60_000) ~= status.serverTime, "server \(status.serverTime), call \(before)…\(after)")

            var amina = Researcher("amina", replica: "laptop1", millis: systemWallClock())
            let changes = try amina.incidents(2)
            let reply = try await offPool { try client.push(changes) }
            #expect(reply.receipts.map(\.status) == [.accepted, .accepted])
            #expect(reply.receipts.map(\.id) == changes.map(\.id.description))
            let again = try await offPool { try client.push(changes) }
            #expect(again.receipts.map(\.status) == [.alreadyHad, .alreadyHad])

            let page = try await offPool { try client.pull(after: 0, limit: 10) }
            #expect(try page.changes == changes && page.next == 2 && !page.more)
            let first = try await offPool { try client.pull(after: 0, limit: 1) }
            #expect(try first.changes == [changes[0]] && first.next == 1 && first.more)
            let snapshot = try await offPool { try client.snapshot(after: nil, limit: 10) }
            #expect(try snapshot.records.count == 2 && snapshot.cursor == 2 && snapshot.nextAfter == nil)
            let final = try await offPool { try client.status() }
            #expect(final.cursor == 2)
        }
    }

    /// (b) A large push goes out gzipped and is accepted; the large pull comes back gzipped and is decoded.
    @Test func largePushIsSentGzippedAndAcceptedAndTheLargePullComesBackDecoded() async throws {
        var amina = Researcher("amina", replica: "laptop1", millis: systemWallClock())
        let changes = try amina.incidents(300)
        let plain = CanonicalJSON.encode(PushRequest(changes: changes))
        try await TeamServer.with(users: [("amina", "editor"), ("omar", "viewer")]) { server in
            var options = Self.options(server, "amina")
            options.compression = .always
            let transport = CurlTransport(options: options)
            let call = try transport.prepare(method: .post, path: "/v1/changes", query: [:], body: plain)
            #expect(call.headers.contains("Content-Encoding: gzip"))
            let sent = try #require(call.body)
            #expect(sent.prefix(2) == Data([0x1f, 0x8b]) && sent.count < plain.count / 4)

            let client = SyncClient(transport: transport)
            let reply = try await offPool { try client.push(changes) }
            #expect(reply.receipts.count == 300 && reply.receipts.allSatisfy { $0.status == .accepted })
            let page = try await offPool { try client.pull(after: 0, limit: 1000) }
            #expect(try page.changes == changes && page.next == 300)

            let small = try transport.prepare(method: .post, path: "/v1/changes", query: [:], body: Data("{}".utf8))
            #expect(!small.headers.contains("Content-Encoding: gzip") && small.body == Data("{}".utf8))
        }
    }

    /// (b2) With automatic compression, a server on this machine gets plain bodies both ways (gzip would only cost time);
    /// any other host gets them gzipped.
    @Test func aServerOnThisMachineGetsPlainBodiesAndARemoteOneGzip() async throws {
        var amina = Researcher("amina", replica: "laptop1", millis: systemWallClock())
        let changes = try amina.incidents(300)
        let plain = CanonicalJSON.encode(PushRequest(changes: changes))
        for (url, gzipped) in [("http://127.0.0.1:1/", false), ("http://localhost:1", false), ("http://[::1]:1", false),
                               ("https://dossier.example.org", true), ("http://10.0.0.2:8080", true)] {
            let call = try CurlTransport(options: TransportOptions(baseURL: url, token: "dsr_a_b")).prepare(
                method: .post, path: "/v1/changes", query: [:], body: plain)
            #expect(call.headers.contains("Content-Encoding: gzip") == gzipped, "\(url)")
            #expect((call.body?.prefix(2) == Data([0x1f, 0x8b])) == gzipped, "\(url)")
        }
        try await TeamServer.with(users: [("amina", "editor"), ("omar", "viewer")]) { server in
            let client = SyncClient(transport: CurlTransport(options: Self.options(server, "amina")))
            let reply = try await offPool { try client.push(changes) }
            #expect(reply.receipts.allSatisfy { $0.status == .accepted })
            let raw = try await offPool {
                try CurlTransport(options: Self.options(server, "amina")).get("/v1/changes", query: ["after": "0", "limit": "300"],
                                                                               accepting: "application/json")
            }
            #expect(raw.status == 200 && raw.header("Content-Encoding") == nil)
            let page = try await offPool { try client.pull(after: 0, limit: 1000) }
            #expect(try page.changes == changes)
        }
    }

    /// (c) A closed loopback port: `.unreachable` after the configured retries, quickly.
    @Test func aClosedPortIsUnreachableAfterTheConfiguredRetries() async throws {
        let port = try TeamServer.with(users: [("amina", "editor"), ("omar", "viewer")]) { $0.port }
        let retries = CallRecorder<Double>()
        let token = "dsr_secret_token_never_shown"
        let transport = CurlTransport(options: TransportOptions(baseURL: "http://127.0.0.1:\(port)", token: token,
                                                                connectTimeout: 2, retries: 3, backoff: 0.001),
                                      onRetry: { _, delay, _ in retries.append(delay) })
        let error = try await transportError { try SyncClient(transport: transport).status() }
        guard case .unreachable(let message)? = error else {
            Issue.record("expected .unreachable, got \(String(describing: error))")
            return
        }
        #expect(retries.values.count == 3 && retries.values.allSatisfy { $0 < 0.01 })
        #expect(message.contains("after 4 attempts") && message.contains("127.0.0.1:\(port)"))
        #expect(!message.contains(token) && !message.contains("\n"))
        #expect(error?.isUnreachable == true)
    }

    /// (d) A bad token: `.server(401, "unauthorized", …)`, without the token in the message.
    @Test func aBadTokenIsUnauthorized() async throws {
        try await TeamServer.with(users: [("amina", "editor"), ("omar", "viewer")]) { server in
            let token = "dsr_nobody_notavalidsecret"
            let options = TransportOptions(baseURL: server.url, token: token, connectTimeout: 5, requestTimeout: 30, retries: 1, backoff: 0.01)
            let error = try await transportError { try SyncClient(options: options).status() }
            guard case .server(let status, let code, let message)? = error else {
                Issue.record("expected .server, got \(String(describing: error))")
                return
            }
            #expect(status == 401 && code == "unauthorized" && message.contains("bearer token"))
            #expect(!error!.description.contains(options.token))
        }
    }

    /// (f) A viewer's push: `.server(403, "forbidden", …)` saying to ask for the editor role.
    @Test func aViewersPushIsForbiddenWithAClearMessage() async throws {
        try await TeamServer.with(users: [("amina", "editor"), ("omar", "viewer")]) { server in
            var omar = Researcher("omar", replica: "laptop9", millis: systemWallClock())
            let changes = try omar.incidents(1)
            let error = try await transportError { try SyncClient(options: Self.options(server, "omar")).push(changes) }
            guard case .server(403, "forbidden", let message)? = error else {
                Issue.record("expected .server(403, forbidden), got \(String(describing: error))")
                return
            }
            #expect(message.contains("editor role"))
            #expect(error!.description.hasPrefix("the server refused the request (HTTP 403, forbidden): viewers can read"))
        }
    }

    /// (e) TLS: the right pin or CA file is accepted; a wrong pin or an untrusted certificate is `.tls`, not retried.
    @Test func tlsWithThePinIsAcceptedAndAWrongPinOrAnUntrustedCertificateIsRefused() async throws {
        let certificate = try SelfSignedCertificate.make()
        try await TeamServer.with(users: [("amina", "editor"), ("omar", "viewer")], tls: (certificate.certificate, certificate.key)) { server in
            let pinned = SyncClient(options: Self.options(server, "amina", pin: certificate.pin))
            #expect(try await offPool { try pinned.status() }.user == "amina")

            let wrongPin = "sha256//" + Data(repeating: 7, count: 32).base64EncodedString()
            let attempts = CallRecorder<Double>()
            let wrong = CurlTransport(options: Self.options(server, "amina", pin: wrongPin), onRetry: { _, delay, _ in attempts.append(delay) })
            let refused = try await transportError { try SyncClient(transport: wrong).status() }
            #expect(refused == .tls("the server's public key does not match --pin; check the pin with your team admin (the connection may be intercepted)"))
            #expect(attempts.values.isEmpty)

            let untrusted = try await transportError { try SyncClient(options: Self.options(server, "amina")).status() }
            guard case .tls(let message)? = untrusted else {
                Issue.record("expected .tls, got \(String(describing: untrusted))")
                return
            }
            #expect(message.hasPrefix("the server's certificate could not be verified"))

            let viaCA = SyncClient(options: Self.options(server, "amina", caFile: certificate.certificate))
            #expect(try await offPool { try viaCA.status() }.user == "amina")
        }
    }

    /// Malformed pins and non-HTTP URLs fail before any connection.
    @Test func badPinsAndURLsAreRefusedBeforeConnecting() async throws {
        let badPin = TransportOptions(baseURL: "https://127.0.0.1:1", token: "t", pin: "sha1//abc")
        #expect(throws: TransportError.tls("the pin 'sha1//abc' is not of the form sha256//BASE64; check the pin with your team admin")) {
            try CurlTransport(options: badPin).send(method: .get, path: "/v1/status")
        }
        let badURL = TransportOptions(baseURL: "ftp://example.org", token: "t")
        let error = try await transportError { try CurlTransport(options: badURL).send(method: .get, path: "/v1/status") }
        #expect(error?.isUnreachable == true && error?.description.contains("check --server") == true)
    }

    /// The protocol headers go out; 503 is retried honouring Retry-After; 500 is not retried.
    @Test func headersAreSentAnd503IsRetriedHonouringRetryAfterButOtherStatusesAreNot() async throws {
        let calls = CallRecorder<String>()
        let router = Router()
        router.post("echo") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            var seen: [String: String] = ["bytes": String(body.readableBytes)]
            for field in request.headers { seen[field.name.canonicalName] = field.value }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: CanonicalJSON.encode(seen))))
        }
        router.get("busy") { _, _ -> Response in
            calls.append("busy")
            let ready = calls.values.count > 2
            return Response(status: ready ? .ok : .serviceUnavailable, headers: ready ? [:] : [.retryAfter: "0"],
                            body: .init(byteBuffer: ByteBuffer(string: ready ? "ready" : "busy")))
        }
        router.get("broken") { _, _ -> Response in
            calls.append("broken")
            return Response(status: .internalServerError, body: .init(byteBuffer: ByteBuffer(string: "<html>oops</html>")))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: .quiet)
        try await app.test(.live) { client in
            let delays = CallRecorder<Double>()
            let options = TransportOptions(baseURL: "http://localhost:\(client.port!)/", token: "dsr_a_b", retries: 4, backoff: 5,
                                           compression: .always)
            let transport = CurlTransport(options: options, onRetry: { _, delay, _ in delays.append(delay) })
            let body = Data(repeating: UInt8(ascii: "x"), count: 5000)
            let echo = try await offPool { try transport.send(method: .post, path: "echo", body: body) }
            let seen = try JSONDecoder().decode([String: String].self, from: echo.body)
            #expect(seen["authorization"] == "Bearer dsr_a_b" && seen["dossier-protocol"] == "1" && seen["accept"] == "application/json")
            #expect(seen["accept-encoding"]?.contains("gzip") == true && seen["content-encoding"] == "gzip")
            #expect(Int(seen["bytes"] ?? "") ?? .max < 1000 && echo.header("Content-Type") == "application/json")

            let busy = try await offPool { try transport.send(method: .get, path: "/busy") }
            #expect(busy.status == 200 && busy.body == Data("ready".utf8))
            #expect(delays.values == [0, 0])
            let broken = try await offPool { try transport.send(method: .get, path: "/broken") }
            #expect(broken.status == 500 && calls.values.filter { $0 == "broken" }.count == 1)
            #expect(throws: TransportError.server(status: 500, code: "http_500", message: TransportError.genericMessage(status: 500))) {
                try SyncClient(transport: transport).decode(StatusReply.self, from: broken)
            }
        }
    }
}
