import DossierTestSupport
import Foundation

/// The stores end-to-end tests run a real `dossier-server` over.
enum ServerStore: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres

    var description: String { rawValue }

    /// A fresh `--store` value: nil for a new SQLite file in the server's folder, else a new database on the test
    /// PostgreSQL server (`$DOSSIER_TEST_POSTGRES_URL`, started by scripts/test.sh), made with Debian's `createdb`.
    func freshStore() throws -> String? {
        guard self == .postgres else { return nil }
        guard let base = ProcessInfo.processInfo.environment["DOSSIER_TEST_POSTGRES_URL"], !base.isEmpty,
              var components = URLComponents(string: base) else {
            throw CommandFailed(description: "DOSSIER_TEST_POSTGRES_URL is not set: run the tests with scripts/test.sh, which starts PostgreSQL")
        }
        let bin = try FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql").sorted {
            $0.compare($1, options: .numeric) == .orderedAscending
        }.last.map { "/usr/lib/postgresql/\($0)/bin/createdb" }.orThrow("PostgreSQL is not installed (scripts/install-deps.sh --tests)")
        let name = "dossier_e2e_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let made = try ProcessRunner.run(URL(fileURLWithPath: bin), ["--maintenance-db=\(base)", name])
        guard made.status == 0 else { throw CommandFailed(description: "createdb: \(made)") }
        components.path = "/\(name)"
        return try components.string.orThrow("no URL for \(name)")
    }
}
