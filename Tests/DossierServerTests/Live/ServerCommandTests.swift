import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// The real `dossier-server` binary: admin commands, then `serve` answering curl as the README shows.
@Suite(.serialized) struct ServerCommandTests {
    @Test func adminCommandsThenServeAnswersPushAndPullWithCurl() async throws {
        let server = try TeamServer()
        let store = ["--store", server.store]
        let curl = URL(fileURLWithPath: "/usr/bin/curl")
        #expect(try ProcessRunner.run(Binaries.server, ["team", "add", "kabul"] + store).status == 0)
        let duplicate = try ProcessRunner.run(Binaries.server, ["team", "add", "kabul"] + store)
        #expect(duplicate.status == 1)
        #expect(duplicate.stderr == "error: team 'kabul' already exists\n")
        let added = try ProcessRunner.run(Binaries.server, ["user", "add", "amina", "--team", "kabul", "--role", "editor"] + store)
        #expect(added.status == 0)
        let token = added.lastLine
        #expect(token.hasPrefix("dsr_") && token.count == 85)
        let viaEnvironment = try ProcessRunner.run(Binaries.server, ["user", "add", "omar", "--team", "kabul", "--role", "viewer"],
                                                   environment: ["DOSSIER_STORE": server.store])
        #expect(viaEnvironment.status == 0)

        try server.start()
        defer { server.stop() }
        var amina = Researcher("amina", replica: "laptop1", millis: systemWallClock())
        let body = String(decoding: CanonicalJSON.encode(PushRequest(changes: try amina.incidents(2))), as: UTF8.self)
        let push = try ProcessRunner.run(curl, ["-sS", "-H", "Authorization: Bearer \(token)", "-H", "Content-Type: application/json",
                                                "--data-binary", body, "\(server.url)/v1/changes"])
        #expect(push.status == 0)
        let reply = try JSONDecoder().decode(PushReply.self, from: Data(push.stdout.utf8))
        #expect(reply.receipts.map(\.status) == [.accepted, .accepted])
        let pull = try ProcessRunner.run(curl, ["-sS", "--compressed", "-H", "Authorization: Bearer \(viaEnvironment.lastLine)",
                                                "\(server.url)/v1/changes?after=0&limit=10"])
        let page = try JSONDecoder().decode(PullPage.self, from: Data(pull.stdout.utf8))
        #expect(try page.changes.count == 2 && page.next == 2)

        #expect(try ProcessRunner.run(Binaries.server, ["user", "revoke", "amina"] + store).status == 0)
        let refused = try ProcessRunner.run(curl, ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer \(token)",
                                                   "\(server.url)/v1/status"])
        #expect(refused.stdout == "401")
    }
}
