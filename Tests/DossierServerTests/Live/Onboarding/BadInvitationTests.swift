import DossierTestSupport
import Foundation
import Testing

/// Every bad invitation is refused by `dossier init --invite` with one line, exit 1, and no replica written.
@Suite struct BadInvitationTests {
    /// Changed bytes, another server's key or signature, expiry, truncation, not JSON: exit 1, one line, no replica file.
    @Test(arguments: StoreKind.allCases) func everyBadInvitationIsRefusedAndWritesNothing(_ kind: StoreKind) async throws {
        let a = try await TeamServer.fresh(kind)
        let b = try await TeamServer.fresh(kind)
        let url = "http://127.0.0.1:9"
        for server in [a, b] { try server.addTeam("kabul") }
        let good = a.folder.file("amina.invitation")
        try a.invite("amina", to: good, serverURL: url)
        let fromB = b.folder.file("amina-b.invitation")
        try b.invite("amina", to: fromB, serverURL: url)
        let expiring = a.folder.file("omar.invitation")
        try a.invite("omar", to: expiring, serverURL: url, expires: "1s")
        let keyA = try a.serverKey()
        let original = try InvitationFile(good), other = try InvitationFile(fromB)
        let keyB = try b.serverKey()
        #expect(original["server_key"] == keyA && other["server_key"] == keyB && keyA != keyB)

        let bad: [(label: String, file: URL, extra: [String])] = [
            ("team changed by one byte", try InvitationFile.write(try original.replacing("\"kabul\"", with: "\"kabal\""),
                                                                    named: "team-byte", in: a.folder), []),
            ("user changed by one byte", try InvitationFile.write(try original.replacing("\"amina\"", with: "\"amino\""),
                                                                    named: "user-byte", in: a.folder), []),
            ("signature changed by one byte", try InvitationFile.write(try original.withSignatureByteChanged(),
                                                                         named: "signature-byte", in: a.folder), []),
            ("server B's invitation checked against A's key", fromB, ["--server-key", keyA]),
            ("server B's signature on A's payload", try InvitationFile.write(try original.withSignature(of: other),
                                                                                named: "spliced", in: a.folder), []),
            ("truncated to half", try InvitationFile.write(original.data.prefix(original.data.count / 2), named: "half", in: a.folder), []),
            ("not JSON", try InvitationFile.write("Amina, here is your access to the Kabul team: see you in Herat.\n",
                                                  named: "prose", in: a.folder), []),
            ("empty", try InvitationFile.write(Data(), named: "empty", in: a.folder), []),
        ]
        let good2 = try FieldLaptop("control", in: a.folder)
        let control = try good2.run("init", "--invite", good.path, "--server-key", keyA, "--name", "control")
        #expect(control.status == 0, "the untouched invitation with the right key is accepted: \(control)")

        for (index, bad) in bad.enumerated() {
            try expectRefused(bad.label, file: bad.file, extra: bad.extra, laptop: try FieldLaptop("bad\(index)", in: a.folder))
        }
        try await Task.sleep(for: .seconds(2.2))
        try expectRefused("expired (--expires 1s)", file: expiring, extra: [], laptop: try FieldLaptop("expired", in: a.folder),
                          mentioning: "expire")
    }

    /// `init --invite` onto an existing replica (or any existing file) is refused and leaves the file's bytes as they were.
    @Test(arguments: StoreKind.allCases) func initOntoAnExistingReplicaIsRefused(_ kind: StoreKind) async throws {
        let server = try await TeamServer.fresh(kind)
        try server.addTeam("kabul")
        let amina = server.folder.file("amina.invitation"), omar = server.folder.file("omar.invitation")
        try server.invite("amina", to: amina, serverURL: "http://127.0.0.1:9")
        try server.invite("omar", to: omar, serverURL: "http://127.0.0.1:9")
        let laptop = try FieldLaptop("laptop", in: server.folder)
        try laptop.initialise(invite: amina)
        try laptop.add(SeedIncident.seed[0])
        let before = try #require(laptop.bytes())
        let settings = try laptop.settingsRow()
        for invitation in [amina, omar] {
            let again = try laptop.run("init", "--invite", invitation.path, "--name", "laptop")
            #expect(again.status == 1, "\(again)")
            #expect(again.stderrLines.count == 1 && again.stderr.hasPrefix("error: "), "one line: \(again.stderr)")
            #expect(laptop.bytes() == before, "the replica file is unchanged")
            #expect(try laptop.settingsRow() == settings)
        }
        #expect(try laptop.pending() == 1)

        let notes = try FieldLaptop("notes", in: server.folder)
        let text = Data("field notes, not a replica\n".utf8)
        try text.write(to: notes.replica)
        let onto = try notes.run("init", "--invite", amina.path, "--name", "notes")
        #expect(onto.status == 1, "\(onto)")
        #expect(notes.bytes() == text, "a file that is not a replica is not overwritten either")
    }

    /// `dossier init --invite FILE` must exit 1 with exactly one `error: ` line on stderr and leave no replica file behind.
    private func expectRefused(_ label: String, file: URL, extra: [String], laptop: FieldLaptop, mentioning word: String? = nil,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try laptop.run(["init", "--invite", file.path, "--name", laptop.name] + extra)
        #expect(result.status == 1, "\(label): \(result)", sourceLocation: sourceLocation)
        #expect(result.stderrLines.count == 1, "\(label): one line on stderr: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("error: "), "\(label): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("dsr_"), "\(label): no token in the message", sourceLocation: sourceLocation)
        if let word { #expect(result.stderr.lowercased().contains(word), "\(label): \(result.stderr)", sourceLocation: sourceLocation) }
        let files = try laptop.files()
        #expect(files.isEmpty, "\(label): no replica file: \(files)", sourceLocation: sourceLocation)
    }
}
