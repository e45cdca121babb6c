import DossierServer
import DossierTestSupport
import Foundation

extension TeamServer {
    /// A server, not started, over a fresh store of a kind: a SQLite file in its folder, or a new PostgreSQL database.
    static func fresh(_ kind: StoreKind) async throws -> TeamServer {
        switch kind {
        case .sqlite: try TeamServer()
        case .postgres: try TeamServer(store: try await TestStores.freshDatabase().storeArgument)
        }
    }

    /// The store it serves, for a test to open beside it.
    func location() throws -> StoreLocation { try StoreLocation(store) }

    /// The lines the last `serve` logged at these levels (swift-log's stream format: `TIMESTAMP LEVEL LABEL: …`).
    func logLines(at levels: Set<String>) -> [String] {
        log().split(separator: "\n").map(String.init).filter { line in
            line.split(separator: " ").dropFirst().first.map { levels.contains(String($0)) } ?? false
        }
    }
}
