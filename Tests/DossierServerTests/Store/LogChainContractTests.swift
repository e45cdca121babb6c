import DossierCore
import DossierTestSupport
@testable import DossierServer
import DossierTrust
import Foundation
import Testing

/// Every store keeps the team log's hash chain as it stores changes: each entry's hash is the chain over the bodies
/// stored before it, across pushes, and teams do not share a chain.
@Suite struct LogChainContractTests {
    @Test(arguments: StoreKind.allCases)
    func eachStoredEntryCarriesTheChainsHashAcrossPushes(_ kind: StoreKind) async throws {
        try await TestStores.withStore(kind) { store in
            let kabul = try await store.addTeam(named: "kabul"), paris = try await store.addTeam(named: "paris")
            var amina = Researcher("amina", replica: "r1"), claire = Researcher("claire", replica: "r2")
            let first = try amina.incidents(3), second = try amina.incidents(2)
            _ = try await store.push(first, team: kabul.id, receivedAt: 1)
            _ = try await store.push(first + second, team: kabul.id, receivedAt: 2) // a retry of the first three, then two new
            _ = try await store.push(try claire.incidents(1), team: paris.id, receivedAt: 3)

            let page = try await store.log(team: kabul.id, after: 0, limit: 10)
            #expect(page.bodies.count == 5)
            let expected = TeamLog.extend(TeamLog.emptyHead, with: page.bodies)
            #expect(try await store.entryHashes(team: kabul.id, after: 0, limit: 10) == expected)
            #expect(try await store.entryHashes(team: kabul.id, after: 3, limit: 10) == Array(expected.suffix(2)))
            let parisPage = try await store.log(team: paris.id, after: 0, limit: 10)
            #expect(try await store.entryHashes(team: paris.id, after: 0, limit: 10) == TeamLog.extend(TeamLog.emptyHead, with: parisPage.bodies),
                    "each team's chain starts from the empty head")
        }
    }
}
