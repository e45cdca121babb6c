import DossierCore
import DossierTestSupport
@testable import DossierServer
import Foundation
import Testing

/// The contract every store keeps, run against SQLite and PostgreSQL alike.
@Suite struct StoreContractTests {
    @Test(arguments: StoreKind.allCases)
    func teamsAndUsersAreUniqueAndTokensRevocable(_ kind: StoreKind) async throws {
        try await TestStores.withStore(kind) { store in
            let team = try await store.addTeam(named: "kabul-desk")
            await #expect(throws: StoreError.exists("team 'kabul-desk'")) { try await store.addTeam(named: "kabul-desk") }
            let token = AccessToken.generate()
            let member = try await store.addUser(named: "amina", team: "kabul-desk", role: .editor, credential: token.stored)
            #expect(member == Member(name: "amina", teamID: team.id, team: "kabul-desk", role: .editor))
            await #expect(throws: StoreError.exists("user 'amina'")) {
                try await store.addUser(named: "amina", team: "kabul-desk", role: .viewer, credential: AccessToken.generate().stored)
            }
            await #expect(throws: StoreError.notFound("team 'nowhere'")) {
                try await store.addUser(named: "bo", team: "nowhere", role: .viewer, credential: AccessToken.generate().stored)
            }
            let found = try #require(try await store.credential(selector: token.selector))
            #expect(found.member == member)
            #expect(token.matches(storedHash: found.hash))
            #expect(!AccessToken.generate().matches(storedHash: found.hash))
            try await store.revokeUser(named: "amina")
            let revokedAt = try #require(try await store.users(team: "kabul-desk").first?.revokedAt)
            #expect(try await store.credential(selector: token.selector)?.standing == .revoked(at: revokedAt))
            await #expect(throws: StoreError.notFound("active user 'amina'")) { try await store.revokeUser(named: "amina") }
            #expect(try await store.credential(selector: AccessToken.generate().selector) == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func pushStoresEachChangeExactlyOnceAndRejectsAReusedID(_ kind: StoreKind) async throws {
        try await TestStores.withStore(kind) { store in
            let team = try await store.addTeam(named: "t")
            var amina = Researcher("amina", replica: "r1")
            let batch = try amina.incidents(3)
            #expect(try await store.push(batch, team: team.id, receivedAt: 1) == [.accepted(seq: 1), .accepted(seq: 2), .accepted(seq: 3)])
            // A retry (the same changes again, plus a duplicate inside the batch) stores nothing new.
            #expect(try await store.push(batch + [batch[0]], team: team.id, receivedAt: 2) == [.alreadyHad, .alreadyHad, .alreadyHad, .alreadyHad])
            var forged = batch[1]
            forged.operation = .create(fields: ["title": "Another title", "date": "2021", "place": "Kabul", "event_type": "Battles"])
            #expect(try await store.push([forged], team: team.id, receivedAt: 3) == [.idReused])
            let page = try await store.pull(team: team.id, after: 0, limit: 10)
            #expect(page.changes == batch)
            #expect(page.next == 3)
            #expect(!page.more)
            #expect(try await store.head(team: team.id) == 3)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func pullPagesAreBoundedAndTheCursorNeverSkips(_ kind: StoreKind) async throws {
        try await TestStores.withStore(kind) { store in
            let team = try await store.addTeam(named: "t")
            var amina = Researcher("amina", replica: "r1")
            let all = try amina.incidents(25)
            for chunk in stride(from: 0, to: all.count, by: 7) {
                _ = try await store.push(Array(all[chunk..<min(chunk + 7, all.count)]), team: team.id, receivedAt: 1)
            }
            var cursor: Int64 = 0
            var pulled: [Change] = []
            var pages = 0
            while true {
                let page = try await store.pull(team: team.id, after: cursor, limit: 4)
                #expect(page.changes.count <= 4)
                pulled += page.changes
                cursor = page.next
                pages += 1
                if !page.more { break }
            }
            #expect(pulled == all)
            #expect(pages == 7)
            let empty = try await store.pull(team: team.id, after: cursor, limit: 4)
            #expect(empty.changes.isEmpty && empty.next == cursor && !empty.more)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func materialisedStateIsTheCoreMergeOfTheLog(_ kind: StoreKind) async throws {
        try await TestStores.withStore(kind) { store in
            let team = try await store.addTeam(named: "t")
            var amina = Researcher("amina", replica: "r1", millis: 1_000)
            var bilal = Researcher("bilal", replica: "r2", millis: 2_000)
            let created = try amina.incidents(5)
            for change in created { bilal.dataset.apply(change) }
            let key = created[0].key
            // Concurrent edits of a contested field: both kept as a conflict on the server too.
            let edits = [try amina.set("place", "Abbey Gate, Kabul airport", on: key), try bilal.set("place", "Baron Hotel", on: key)]
            _ = try await store.push(created, team: team.id, receivedAt: 1)
            _ = try await store.push(edits.reversed(), team: team.id, receivedAt: 2)
            var expected = Dataset()
            expected.apply(contentsOf: created + edits)
            var records: [RecordState] = []
            var after: String?
            repeat {
                let page = try await store.snapshot(team: team.id, after: after, limit: 2)
                #expect(page.cursor == 7)
                #expect(try page.records.count <= 2)
                records += try page.records
                after = page.nextAfter
            } while after != nil
            var snapshot = Dataset()
            for record in records { snapshot.insert(record) }
            #expect(CanonicalExport(snapshot).data == CanonicalExport(expected).data)
            #expect(snapshot[key]?.conflicts.map(\.field) == ["place"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func oneTeamsLogIsInvisibleToAnother(_ kind: StoreKind) async throws {
        try await TestStores.withStore(kind) { store in
            let kabul = try await store.addTeam(named: "kabul")
            let paris = try await store.addTeam(named: "paris")
            var amina = Researcher("amina", replica: "r1")
            _ = try await store.push(try amina.incidents(3), team: kabul.id, receivedAt: 1)
            #expect(try await store.pull(team: paris.id, after: 0, limit: 100).changes.isEmpty)
            #expect(try await store.snapshot(team: paris.id, after: nil, limit: 100).records.isEmpty)
            #expect(try await store.head(team: paris.id) == 0)
        }
    }
}
