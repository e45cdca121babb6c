import DossierCore
import DossierTrust
import Foundation
import Testing

/// An invitation is accepted only whole, unaltered, signed by the key it names (and the one expected), and before expiry.
@Suite struct InvitationTests {
    static let identity = ServerIdentity.generate()
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func signed(expires: Date = now.addingTimeInterval(86_400), by identity: ServerIdentity = identity) throws -> SignedInvitation {
        let invitation = Invitation(serverURL: "https://dossier.example.org", team: "کابل", user: "amina", role: .editor,
                                    token: "dsr_0123456789abcdef_" + String(repeating: "a", count: 64), pin: nil,
                                    serverKey: identity.publicKey, expires: expires)
        return try SignedInvitation(invitation, signedBy: identity)
    }

    @Test func aSignedInvitationVerifiesWithAndWithoutTheExpectedKey() throws {
        let signed = try Self.signed()
        let read = try SignedInvitation.verified(signed.fileBytes, now: Self.now)
        #expect(read == signed.invitation)
        #expect(try SignedInvitation.verified(signed.fileBytes, expectedKey: Self.identity.publicKey, now: Self.now) == signed.invitation)
        #expect(read.serverKey == Self.identity.publicKey.description)
        #expect(SigningPublicKey(read.serverKey) == Self.identity.publicKey)
    }

    @Test func everyChangedByteIsRefused() throws {
        let bytes = try Self.signed().fileBytes
        var refused = 0
        for index in bytes.indices where bytes[index] != 0x0A {
            var altered = bytes
            altered[index] ^= 0x01
            do {
                _ = try SignedInvitation.verified(altered, now: Self.now)
            } catch {
                refused += 1
            }
        }
        #expect(refused == bytes.filter { $0 != 0x0A }.count, "every one-bit change of a non-newline byte is refused")
        let reindented = Data(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\n  ", with: "\n\t").utf8)
        #expect(throws: InvitationError.altered, "whitespace JSON ignores is a change too") {
            try SignedInvitation.verified(reindented, now: Self.now)
        }
    }

    @Test func anotherServersSignatureOrKeyIsRefused() throws {
        let other = ServerIdentity.generate()
        let mine = try Self.signed()
        let theirs = try Self.signed(by: other)
        var spliced = mine
        spliced.signature = theirs.signature
        #expect(throws: InvitationError.altered) { try SignedInvitation.verified(spliced.fileBytes, now: Self.now) }
        #expect(throws: InvitationError.otherServer(expected: Self.identity.publicKey.description)) {
            try SignedInvitation.verified(theirs.fileBytes, expectedKey: Self.identity.publicKey, now: Self.now)
        }
    }

    @Test func expiredTruncatedAndForeignFilesAreRefused() throws {
        let expired = try Self.signed(expires: Self.now.addingTimeInterval(-1))
        #expect(throws: InvitationError.expired(expired.invitation.expiresAt)) { try SignedInvitation.verified(expired.fileBytes, now: Self.now) }
        let bytes = try Self.signed().fileBytes
        #expect(throws: InvitationError.unreadable) { try SignedInvitation.verified(bytes.prefix(bytes.count / 2), now: Self.now) }
        #expect(throws: InvitationError.unreadable) { try SignedInvitation.verified(Data("PK\u{3}\u{4} not json".utf8), now: Self.now) }
        #expect(throws: InvitationError.unreadable) { try SignedInvitation.verified(Data("{\"token\": \"dsr_x\"}".utf8), now: Self.now) }
    }

    @Test func theFileIsWrittenWithMode0600() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("invitation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("amina.json").path
        FileManager.default.createFile(atPath: path, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644])
        let signed = try Self.signed()
        try signed.write(to: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(FileManager.default.contents(atPath: path) == signed.fileBytes)
    }
}
