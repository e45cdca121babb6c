import DossierTestSupport
import Foundation
import Testing

/// Offline is normal: local work goes on, a sync with no server exits 3, and nothing is lost once the server is back.
@Suite struct OfflineSyncTests {
    /// The server stops; amina keeps recording; her sync exits 3; after a restart on the same store everything arrives.
    @Test func offlineWorkContinuesAndSyncWithNoServerExits3AndLosesNothing() throws {
        try TeamServer.with(users: [("amina", "editor"), ("omar", "editor")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA")
            let b = try server.laptop(for: "omar", name: "laptopB")
            let analysis = try a.create("source", "add", "--kind", "news", "--outlet", "France 24",
                                        "--title", "a year after the fall of Kabul, the organization of the Islamic State in the ambush")
            try syncInOrder([a, b])
            let port = server.port

            server.stop()
            let airport = try a.create("incident", "add", "--title", "Suicide attack at Kabul airport", "--date", "2021-08-26",
                                       "--place", "Kabul airport", "--event-type", "Explosions/Remote violence",
                                       "--sub-event-type", "Suicide bomb", "--country", "AF", "--source", analysis)
            try a.ok("incident", "claim", airport, "--killed", "185", "--source", analysis, "--note", "including 13 American soldiers")
            let pendingBefore = try a.pending()
            #expect(pendingBefore >= 2, "the new incident and its claim wait in the outbox")

            let offline = try a.run("sync")
            #expect(offline.status == 3, "\(offline)")
            #expect(offline.stderrLines.count == 1, "one line on stderr: \(offline.stderr)")
            #expect(offline.stderr.hasPrefix("error: "))
            #expect(offline.stderr.contains("127.0.0.1:\(port)"), "the error names the server it could not reach")
            #expect(try a.pending() == pendingBefore, "nothing left the outbox")

            // Local work goes on while offline.
            let ids = try a.json("list", "incidents").array?.compactMap { $0["id"]?.string }
            #expect(ids == [airport])
            try a.ok("incident", "edit", airport, "--add-tag", "airport")
            #expect(try a.pending() > pendingBefore)

            try server.start(port: port)
            let back = try a.sync()
            #expect(back.stderrLines.allSatisfy { !$0.hasPrefix("error: ") })
            #expect(try a.pending() == 0)

            let pulled = try b.json("sync")
            #expect((pulled["pulled"]?.int ?? 0) >= 3, "omar receives amina's offline work: \(pulled)")
            let incident = try b.show(airport)
            #expect(incident["fields"]?["tags"]?.strings == ["airport"])
            #expect(incident["casualties"]?["killed"]?["low"]?.int == 185)
            #expect(incident["casualties"]?["killed"]?["disputed"]?.bool == false)
            #expect(try b.canonicalExport() == a.canonicalExport())
        }
    }
}
