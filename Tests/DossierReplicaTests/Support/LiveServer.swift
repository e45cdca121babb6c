import DossierCore
import DossierServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging

/// The real team server in-process on loopback over a temporary SQLite file: team kabul, amina (editor), omar (viewer).
struct LiveServer: Sendable {
    /// The port the server listens on.
    let port: Int
    /// Tokens by user name.
    let tokens: [String: String]
    /// `http://localhost:PORT`, or `https://` when the server runs TLS.
    let baseURL: String

    /// A logger that stays quiet unless something is critical.
    static let logger: Logger = {
        var logger = Logger(label: "dossier-transport-test")
        logger.logLevel = .critical
        return logger
    }()

    /// Starts a server (TLS when `tls` names a certificate and key), runs `body` against it, and stops it.
    static func run<T: Sendable>(tls: (certificate: String, key: String)? = nil,
                                 _ body: @Sendable @escaping (LiveServer) async throws -> T) async throws -> T {
        let folder = try TransportScratchFolder.make()
        let store = try SQLiteStore(path: folder.appendingPathComponent("server.sqlite").path)
        try await store.migrate()
        _ = try await store.addTeam(named: "kabul")
        var tokens: [String: String] = [:]
        for (name, role) in [("amina", Role.editor), ("omar", .viewer)] {
            let token = AccessToken.generate()
            _ = try await store.addUser(named: name, team: "kabul", role: role, credential: token.stored)
            tokens[name] = token.description
        }
        var settings = ServerSettings()
        settings.host = "127.0.0.1"
        settings.port = 0
        settings.tls = tls
        let app = try buildApplication(store: store, settings: settings, logger: logger)
        let scheme = tls == nil ? "http" : "https"
        let finalTokens = tokens
        return try await app.test(.live) { client in
            let port = client.port!
            return try await body(LiveServer(port: port, tokens: finalTokens, baseURL: "\(scheme)://localhost:\(port)"))
        }
    }
}

/// Temporary folders for test files.
enum TransportScratchFolder {
    /// A new empty folder under the system's temporary directory.
    static func make() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-transport-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
