import DossierCore
@testable import DossierServer
import DossierTestSupport
import DossierTrust
import Foundation
import Testing

/// The account half of the store contract, on both stores: reissue, a token's standing, last seen, listings, the identity
/// key and remembered settings.
@Suite struct AccountStoreContractTests {
    @Test(arguments: StoreKind.allCases)
    func reissueRetiresTheOldTokenAndBringsARevokedUserBack(_ kind: StoreKind) async throws {
        try await TestStores.withStore(kind) { store in
            _ = try await store.addTeam(named: "kabul")
            let first = AccessToken.generate()
            let member = try await store.addUser(named: "amina", team: "kabul", role: .editor, credential: first.stored)
            try await store.revokeUser(named: "amina")
            let second = AccessToken.generate()
            #expect(try await store.reissueUser(named: "amina", credential: second.stored(firstUseBy: 5_000)) == member)
            let old = try #require(try await store.credential(selector: first.selector))
            guard case .replaced = old.standing else { Issue.record("the first token is replaced: \(old.standing)"); return }
            #expect(first.matches(storedHash: old.hash) && old.member == member)
            let new = try #require(try await store.credential(selector: second.selector))
            #expect(new.standing == .active(firstUseBy: 5_000), "the reissued user is active again, with the invitation's deadline")
            #expect(second.matches(storedHash: new.hash))
            #expect(try await store.users(team: nil).first?.revokedAt == nil)
            await #expect(throws: StoreError.notFound("user 'nobody'")) {
                try await store.reissueUser(named: "nobody", credential: AccessToken.generate().stored)
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aUseConfirmsTheTokenAndMovesLastSeenAtMostOnceAMinute(_ kind: StoreKind) async throws {
        try await TestStores.withStore(kind) { store in
            _ = try await store.addTeam(named: "kabul")
            let token = AccessToken.generate()
            _ = try await store.addUser(named: "amina", team: "kabul", role: .editor, credential: token.stored(firstUseBy: 9_000_000))
            let unused = try #require(try await store.credential(selector: token.selector))
            #expect(unused.lastSeenAt == nil && unused.standing == .active(firstUseBy: 9_000_000))
            try await store.recordUse(userID: unused.userID, at: 1_000_000)
            let used = try #require(try await store.credential(selector: token.selector))
            #expect(used.lastSeenAt == 1_000_000 && used.standing == .active(firstUseBy: nil), "the first use lifts the deadline")
            try await store.recordUse(userID: unused.userID, at: 1_030_000)
            #expect(try await store.credential(selector: token.selector)?.lastSeenAt == 1_000_000, "not again within the minute")
            try await store.recordUse(userID: unused.userID, at: 1_060_000)
            #expect(try await store.users(team: "kabul").first?.lastSeenAt == 1_060_000)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func listingsFilterByTeamAndCountMembers(_ kind: StoreKind) async throws {
        try await TestStores.withStore(kind) { store in
            _ = try await store.addTeam(named: "kabul")
            _ = try await store.addTeam(named: "herat")
            for (name, team) in [("zahra", "kabul"), ("amina", "kabul"), ("hamid", "herat")] {
                _ = try await store.addUser(named: name, team: team, role: .viewer, credential: AccessToken.generate().stored)
            }
            #expect(try await store.users(team: "kabul").map(\.name) == ["amina", "zahra"])
            #expect(try await store.users(team: nil).map(\.name) == ["hamid", "amina", "zahra"], "by team, then name")
            #expect(try await store.users(team: "nowhere").isEmpty)
            #expect(try await store.teams().map { "\($0.name):\($0.members)" } == ["herat:1", "kabul:2"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func theIdentityIsMadeOnceAndSettingsAreRemembered(_ kind: StoreKind) async throws {
        try await TestStores.withStore(kind) { store in
            let first = try await store.identity()
            let again = try await store.identity(storing: .generate())
            #expect(first.publicKey == again.publicKey, "a second candidate does not replace the stored key")
            #expect(first.storedPrivateKey == again.storedPrivateKey)
            #expect(try await store.setting(.publicURL) == nil)
            try await store.remember(.publicURL, "https://dossier.example.org")
            try await store.remember(.publicURL, "https://dossier.example.net")
            #expect(try await store.setting(.publicURL) == "https://dossier.example.net")
            try await store.remember(.publicURL, nil)
            #expect(try await store.setting(.publicURL) == nil)
        }
    }
}
