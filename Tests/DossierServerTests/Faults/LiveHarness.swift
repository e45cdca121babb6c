import DossierCore
@testable import DossierServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// A live server on loopback over a fresh store holding the `APIFixture` teams, and plain HTTP requests to it,
/// each on its own connection so a connection the server closes after an error cannot spoil the next request.
struct LiveHarness: Sendable {
    /// The teams, users, tokens and store.
    let fixture: APIFixture
    /// The port the server listens on.
    let port: Int
    /// Everything the server logged, at trace level.
    let log: LogRecorder

    /// Runs a body against a live server over a fresh store of a kind, then checks that the server logged no error
    /// (an unexpected failure is answered 500 and logged at error level, even when no client sees the answer).
    static func run(_ kind: StoreKind = .sqlite, settings: ServerSettings = ServerSettings(),
                    _ body: @Sendable @escaping (LiveHarness) async throws -> Void) async throws {
        let log = LogRecorder()
        try await TestStores.withStore(kind) { store in
            let fixture = try await APIFixture.make(store)
            let app = try buildApplication(store: store, settings: settings, logger: log.logger())
            try await app.test(.live) { client in
                try await body(LiveHarness(fixture: fixture, port: try #require(client.port), log: log))
            }
        }
        #expect(log.lines(atLeast: .error).isEmpty, "the server logged errors: \(log.lines(atLeast: .error).prefix(5))")
    }

    /// Sends one request on a new connection and returns the whole response.
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

/// A team's part of the store, read straight from the store: its head, its whole log and its merged records.
struct TeamContents: Equatable, Sendable {
    /// The latest log position.
    var head: Int64
    /// Every change in log order.
    var changes: [Change]
    /// Every merged record, as canonical JSON, in key order.
    var records: [String]

    /// Reads a team's contents, page by page.
    static func read(_ store: any SyncStore, team: Int64) async throws -> TeamContents {
        var changes: [Change] = []
        var cursor: Int64 = 0
        while true {
            let page = try await store.pull(team: team, after: cursor, limit: 1_000)
            changes += page.changes
            cursor = page.next
            if !page.more { break }
        }
        var records: [String] = []
        var after: String?
        repeat {
            let page = try await store.snapshot(team: team, after: after, limit: 1_000)
            records += try page.records.map { String(decoding: CanonicalJSON.encode($0), as: UTF8.self) }
            after = page.nextAfter
        } while after != nil
        return TeamContents(head: try await store.head(team: team), changes: changes, records: records)
    }
}

/// Text helpers for hand-made bodies.
enum Body {
    /// A value's canonical JSON text.
    static func json<T: Encodable>(_ value: T) -> String { String(decoding: CanonicalJSON.encode(value), as: UTF8.self) }

    /// A push of raw element texts.
    static func push(_ elements: [String]) -> ByteBuffer { ByteBuffer(string: "{\"changes\":[" + elements.joined(separator: ",") + "]}") }

    /// A change's JSON object with keys replaced, added (a non-nil value) or removed (nil).
    static func edited(_ change: Change, _ edits: [String: String?]) -> String {
        var object = try! JSONSerialization.jsonObject(with: CanonicalJSON.encode(change)) as! [String: Any]
        var raw: [String: String] = [:]
        for (key, value) in edits {
            object.removeValue(forKey: key)
            if let value { raw[key] = value }
        }
        var text = String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        text.removeLast()
        for (key, value) in raw.sorted(by: { $0.key < $1.key }) { text += ",\"\(key)\":\(value)" }
        return text + "}"
    }
}

/// Log lines kept in memory, for tests that check what the server logged.
final class LogRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(level: Logger.Level, line: String)] = []

    /// A trace-level logger that records here.
    func logger() -> Logger {
        var logger = Logger(label: "dossier-live") { _ in Handler(recorder: self) }
        logger.logLevel = .trace
        return logger
    }

    /// The lines logged at a level or above, each with its message and metadata.
    func lines(atLeast level: Logger.Level = .trace) -> [String] {
        lock.withLock { entries.filter { $0.level >= level }.map(\.line) }
    }

    private func append(_ level: Logger.Level, _ line: String) {
        lock.withLock { entries.append((level, line)) }
    }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var metadataProvider: Logger.MetadataProvider?
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }.sorted { $0.key < $1.key }
            recorder.append(event.level, "\(event.level) \(event.message) " + all.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        }
    }
}
