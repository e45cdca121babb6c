import DossierCore
@testable import DossierServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A server over a fresh store with two teams: kabul (an admin, an editor, a viewer) and paris (an editor).
struct APIFixture: Sendable {
    /// Tokens by user name: amina (kabul editor), omar (kabul viewer), hamid (kabul admin), claire (paris editor).
    let tokens: [String: String]
    /// The store the teams and users are in.
    let store: any SyncStore

    /// Creates the teams and users.
    static func make(_ store: any SyncStore) async throws -> APIFixture {
        _ = try await store.addTeam(named: "kabul")
        _ = try await store.addTeam(named: "paris")
        var tokens: [String: String] = [:]
        for (name, team, role) in [("amina", "kabul", Role.editor), ("omar", "kabul", .viewer), ("hamid", "kabul", .admin),
                                   ("claire", "paris", .editor)] {
            let token = AccessToken.generate()
            _ = try await store.addUser(named: name, team: team, role: role, credential: token.stored)
            tokens[name] = token.description
        }
        return APIFixture(tokens: tokens, store: store)
    }

    /// Runs a body against the router of a server over a fresh store of a kind.
    static func test(_ kind: StoreKind = .sqlite, settings: ServerSettings = ServerSettings(),
                     _ body: @Sendable @escaping (any TestClientProtocol, APIFixture) async throws -> Void) async throws {
        try await TestStores.withStore(kind) { store in
            let fixture = try await make(store)
            let app = try buildApplication(store: store, settings: settings, logger: TestStores.logger)
            try await app.test(.router) { client in try await body(client, fixture) }
        }
    }

    /// Headers with a user's bearer token.
    func auth(_ user: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(tokens[user]!)"
        return headers
    }
}

/// Request and response helpers.
enum HTTPJSON {
    /// Encodes a value as a request body.
    static func body<T: Encodable>(_ value: T) -> ByteBuffer { ByteBuffer(bytes: CanonicalJSON.encode(value)) }

    /// Decodes a response body.
    static func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(buffer: response.body))
    }

    /// Decodes an error body.
    static func error(_ response: TestResponse) throws -> ErrorReply.Body {
        try decode(ErrorReply.self, response).error
    }
}
