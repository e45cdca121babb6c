import DossierCore
@testable import DossierServer
import DossierTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The real `dossier-server` at trace level over a fresh store with the `APIFixture` teams, and requests to it, one connection each.
struct LiveHarness: Sendable {
    /// The teams, users, tokens, and the store opened beside the server.
    let fixture: APIFixture
    /// The running server.
    let server: TeamServer
    /// The port the server listens on.
    var port: Int { server.port }

    /// Runs a body against a live server over a fresh store of a kind, then checks that the server logged no error.
    static func run(_ kind: StoreKind = .sqlite, _ body: @Sendable @escaping (LiveHarness) async throws -> Void) async throws {
        let server = try await TeamServer.fresh(kind)
        try await server.location().withStore(logger: TestStores.logger) { store in
            let fixture = try await APIFixture.make(store)
            try await offPool { try server.start(logLevel: "trace") }
            defer { server.stop() }
            try await body(LiveHarness(fixture: fixture, server: server))
        }
        // An unexpected failure is answered 500 and logged at error level, even when no client sees the answer.
        let errors = server.logLines(at: ["error", "critical"])
        #expect(errors.isEmpty, "the server logged errors: \(errors.prefix(5))")
    }

    /// Sends one request on a new connection (so one the server closed after an error spoils nothing) and returns the response.
    func send(_ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:], body: ByteBuffer? = nil) async throws -> Reply {
        try await Self.send(port: port, method, uri, headers: headers, body: body)
    }

    /// Sends one request to a server on loopback on a new connection and returns the whole response.
    static func send(port: Int, _ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:], body: ByteBuffer? = nil) async throws -> Reply {
        try await TestClient.withClient(host: "localhost", port: port) { client in
            let response = try await client.execute(TestClient.Request(uri, method: method, authority: "localhost", headers: headers, body: body))
            return Reply(status: response.status, headers: response.head.headerFields, body: response.body ?? ByteBuffer())
        }
    }

    /// Sends a push of raw text (or bytes) as a user.
    func push(_ user: String, _ body: ByteBuffer, headers extra: HTTPFields = [:]) async throws -> Reply {
        var headers = fixture.auth(user)
        headers.append(contentsOf: extra)
        return try await send(.post, "/v1/changes", headers: headers, body: body)
    }

    /// The team id of a user.
    func team(of user: String) async throws -> Int64 {
        let token = try #require(AccessToken(fixture.tokens[user]!))
        return try #require(try await fixture.store.credential(selector: token.selector)).member.teamID
    }

    /// What a team's part of the store holds now.
    func contents(of user: String) async throws -> TeamContents {
        try await TeamContents.read(fixture.store, team: try await team(of: user))
    }
}

/// A response read off the wire.
struct Reply: Sendable {
    /// The status.
    var status: HTTPResponse.Status
    /// The headers.
    var headers: HTTPFields
    /// The body, as sent (not gunzipped).
    var body: ByteBuffer

    /// The body as text.
    var text: String { String(buffer: body) }

    /// Decodes a JSON body.
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try JSONDecoder().decode(T.self, from: Data(buffer: body)) }

    /// The receipts of a push reply.
    func receipts() throws -> [Receipt] { try decode(PushReply.self).receipts }

    /// Checks that this is the JSON error shape with a status and code, a message for people and no internals.
    func expectError(_ status: HTTPResponse.Status, _ code: String, _ what: String,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(self.status == status, "\(what): \(self.status) \(text.prefix(300))", sourceLocation: sourceLocation)
        #expect(headers[.contentType]?.hasPrefix("application/json") == true, "\(what): not JSON", sourceLocation: sourceLocation)
        guard let error = try? decode(ErrorReply.self).error else {
            Issue.record("\(what): the body is not {\"error\": {code, message}}: \(text.prefix(300))", sourceLocation: sourceLocation)
            return
        }
        #expect(error.code == code, "\(what): \(error.message)", sourceLocation: sourceLocation)
        #expect(error.message.count >= 20, "\(what): the message is too short to help", sourceLocation: sourceLocation)
        for leak in ["Swift", "SQLite", "GRDB", "Postgres", "PSQL", "NIO", "DecodingError", "NSCocoa", "Optional("] {
            #expect(!error.message.contains(leak), "\(what): the message leaks '\(leak)': \(error.message)", sourceLocation: sourceLocation)
        }
    }
}
