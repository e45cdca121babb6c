import DossierCore
import DossierServer
import DossierTestSupport
import Foundation
import Testing

/// `/healthz` of the real `dossier-server serve` pings its store: 200 while the store answers, 503 JSON once it cannot.
@Suite(.serialized) struct HealthCheckTests {
    @Test func sqliteStoreAnswers200() async throws {
        let server = try TeamServer()
        try server.start(logLevel: "info")
        defer { server.stop() }
        let health = try Self.healthz(server)
        #expect(health.status == 200)
        #expect(health.body == #"{"status":"ok"}"#)
    }

    @Test func postgresAdminCommandAndServeStayQuietAnswer200ThenBoundedStoreUnavailableOnceItsClusterStops() async throws {
        let cluster = try ThrowawayPostgres()
        defer { cluster.stop() }
        let team = try ProcessRunner.run(Binaries.server, ["team", "add", "kabul", "--store", cluster.url])
        #expect(team.status == 0)
        #expect(team.stderr.isEmpty, "team add printed: \(team.stderr)")
        let server = try TeamServer(store: cluster.url)
        try server.start(logLevel: "info")
        defer { server.stop() }
        let up = try Self.healthz(server)
        #expect(up.status == 200)
        #expect(up.body == #"{"status":"ok"}"#)
        #expect(!server.log().contains("hasn't been called yet"), "serve printed postgres-nio's warning: \(server.log())")

        cluster.stop()
        let stopped = Date()
        var down = up
        while down.status == 200 && Date().timeIntervalSince(stopped) < 10 {
            down = try Self.healthz(server)
            #expect(down.seconds < 5, "one /healthz took \(down.seconds) s after the cluster stopped")
        }
        #expect(down.status == 503)
        let error = try JSONDecoder().decode(ErrorReply.self, from: Data(down.body.utf8)).error
        #expect(error.code == "store_unavailable")
        #expect(server.log().contains("health check failed"))
    }

    /// One `GET /healthz` with curl: status, body and how long it took.
    static func healthz(_ server: TeamServer) throws -> (status: Int, body: String, seconds: Double) {
        let started = Date()
        let reply = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/curl"), ["-sS", "--max-time", "30", "-w", "\n%{http_code}", "\(server.url)/healthz"])
        let lines = reply.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"), Date().timeIntervalSince(started))
    }
}

/// A PostgreSQL cluster of the test's own (scripts/postgres.sh), so that stopping it disturbs no other test.
final class ThrowawayPostgres: @unchecked Sendable {
    /// Its `postgres://` URL.
    let url: String
    private let folder: String
    private var running = true

    /// Starts the cluster on a free port.
    init() throws {
        let started = try Self.script(["start"])
        let words = started.lastLine.split(separator: " ").map(String.init)
        guard started.status == 0, words.count == 2 else {
            throw TestSetupError(message: "scripts/postgres.sh start failed: \(started.stderr)")
        }
        url = words[0]
        folder = words[1]
    }

    /// Stops the cluster and removes its folder; later calls do nothing.
    func stop() {
        guard running else { return }
        running = false
        _ = try? Self.script(["stop", folder])
    }

    /// Runs scripts/postgres.sh through Python, whose `subprocess` closes inherited descriptors.
    private static func script(_ arguments: [String]) throws -> ProcessResult {
        // Foundation's Process sees a child end when a socket it passes to the child closes; the cluster's
        // daemon would inherit that socket and keep it open, so the script must not see it.
        let path = SchemaTests.root.appendingPathComponent("scripts/postgres.sh").path
        return try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/python3"),
                                     ["-c", "import subprocess, sys; sys.exit(subprocess.run(sys.argv[1:]).returncode)", path] + arguments)
    }

    deinit { stop() }
}
