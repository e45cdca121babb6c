import DossierCore
import DossierServer
import DossierTestSupport
import Foundation
import Testing

/// Relay by USB folder during a shutdown (SPEC §8.2): amina writes her signed changes and evidence to a folder, bilal
/// checks and takes them, and his next sync brings them to the server with amina as their author; nothing is applied or
/// pushed twice; a folder altered, truncated, or from another team is refused by name with nothing taken. Real binaries.
@Suite struct RelayFolderTests {
    @Test(arguments: StoreKind.allCases)
    func aColleaguesChangesReachTheServerThroughAFolderAsHers(_ kind: StoreKind) async throws {
        let server = try await TeamServer.fresh(kind)
        defer { server.stop() }
        try server.addTeam("kabul")
        try await offPool { try server.start() }
        let (amina, bilal) = try (server.invitedLaptop("amina"), server.invitedLaptop("bilal"))
        try amina.sync()
        try bilal.sync()
        server.stop() // the shutdown

        let first = try amina.add(SeedIncident.seed[1])
        let second = try amina.add(SeedIncident.seed[3])
        let photo = server.folder.file("photo.jpg")
        try Data("a photo of the site".utf8).write(to: photo)
        _ = try amina.ok("attach", first, photo.path, "--kind", "photo")
        let usb = server.folder.file("usb")
        let written = try Parsed.object(amina.ok("sync", "--to-dir", usb.path, "--json"))
        #expect(written["replicas"] as? Int == 1 && written["files"] as? Int == 1)
        let waiting = try amina.pending()

        let taken = try Parsed.object(bilal.ok("sync", "--from-dir", usb.path, "--json"))
        #expect(taken["changes"] as? Int == waiting && taken["files"] as? Int == 1, "\(taken)")
        #expect(Set(try bilal.incidents().compactMap { $0["id"] as? String }).isSuperset(of: [first, second]))
        #expect(try Parsed.object(bilal.ok("sync", "--from-dir", usb.path, "--json"))["changes"] as? Int == 0, "nothing is taken twice")

        try await offPool { try server.start(port: server.port) }
        let pushed = try bilal.sync()
        #expect((pushed["pushed"] as? Int ?? 0) >= waiting && pushed["filesUploaded"] as? Int == 1, "\(pushed)")
        let logged = try await server.location().withStore(logger: TestStores.logger) { store in
            try await store.log(team: 1, after: 0, limit: 100).changes
        }
        #expect(logged.filter { $0.author == "amina" }.count == waiting, "the relayed changes keep their author: \(logged.map(\.author))")
        #expect(logged.filter { $0.author == "bilal" }.allSatisfy { $0.entity == .custody }, "bilal only adds his upload's custody")
        let later = try amina.sync()
        #expect(later["alreadyHad"] as? Int == waiting, "nothing is pushed twice: \(later)")
        #expect(try amina.run("verify", "--full").status == 0)
    }

    @Test func anAlteredTruncatedOrForeignFolderIsRefusedByName() async throws {
        let server = try await TeamServer.fresh(.sqlite)
        defer { server.stop() }
        try server.addTeam("kabul")
        try server.addTeam("paris")
        try await offPool { try server.start() }
        let (amina, bilal) = try (server.invitedLaptop("amina"), server.invitedLaptop("bilal"))
        let claire = try server.invitedLaptop("claire", team: "paris")
        for laptop in [amina, bilal, claire] { try laptop.sync() }
        let incident = try amina.add(SeedIncident.seed[0])
        _ = try claire.add(SeedIncident.seed[2])
        let photo = server.folder.file("photo.jpg")
        try Data("a photo of the site".utf8).write(to: photo)
        _ = try amina.ok("attach", incident, photo.path)

        func folder(_ name: String, from laptop: FieldLaptop) throws -> (URL, URL) {
            let usb = server.folder.file(name)
            try laptop.ok("sync", "--to-dir", usb.path)
            let relay = usb.appendingPathComponent("dossier-relay")
            let file = try #require(try FileManager.default.contentsOfDirectory(atPath: relay.path).first { $0.hasSuffix(".json") })
            return (usb, relay.appendingPathComponent(file))
        }
        let (flipped, flippedFile) = try folder("flipped", from: amina)
        let text = try String(contentsOf: flippedFile, encoding: .utf8)
        try text.replacingOccurrences(of: "Kabul airport", with: "Kabul airpors").write(to: flippedFile, atomically: true, encoding: .utf8)
        let (truncated, truncatedFile) = try folder("truncated", from: amina)
        try Data(try Data(contentsOf: truncatedFile).prefix(200)).write(to: truncatedFile)
        let (foreign, _) = try folder("foreign", from: claire)
        let (badFile, _) = try folder("badfile", from: amina)
        let files = badFile.appendingPathComponent("dossier-relay/files")
        let stored = try #require(try FileManager.default.contentsOfDirectory(atPath: files.path).first)
        try Data("another photo".utf8).write(to: files.appendingPathComponent(stored))

        for (usb, phrase) in [(flipped, "signature"), (truncated, "not a relay file"), (foreign, "from team paris"),
                              (badFile, "do not match its name")] {
            let refused = try bilal.run("sync", "--from-dir", usb.path)
            #expect(refused.status == 4 && refused.stderrLines.count == 1, "\(usb.lastPathComponent): \(refused)")
            #expect(refused.stderr.contains(phrase), "\(usb.lastPathComponent): \(refused.stderr)")
            #expect(refused.stderr.contains(".json") || phrase.contains("match"), "the file is named: \(refused.stderr)")
            #expect(try bilal.pending() == 0 && !(try bilal.incidents().contains { $0["id"] as? String == incident }), "nothing taken")
        }
    }
}
