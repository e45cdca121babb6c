import DossierCore
import DossierTestSupport
@testable import DossierServer
import DossierTrust
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Every pull page and the status carry the team log's checkpoint where they end, signed by the server's identity key.
@Suite struct CheckpointAPITests {
    @Test(arguments: StoreKind.allCases)
    func eachPullPageAndTheStatusCarryASignedCheckpointOfTheirEnd(_ kind: StoreKind) async throws {
        try await APIFixture.test(kind) { client, fixture in
            var amina = Researcher("amina", replica: "laptop1")
            _ = try await fixture.store.push(try amina.incidents(3), team: 1, receivedAt: 1) // kabul is the fixture's first team
            let key = try await fixture.store.identity().publicKey
            var firstTwo: [String] = []
            try await client.execute(uri: "/v1/changes?after=0&limit=2", method: .get, headers: fixture.auth("amina")) { response in
                let checkpoint = try Self.checkpoint(response)
                firstTwo = try PullPage(json: Data(buffer: response.body)).bodies
                #expect(checkpoint.isSigned(by: key) && checkpoint.team == "kabul" && checkpoint.size == 2)
                #expect(checkpoint.head == TeamLog.extend(TeamLog.emptyHead, with: firstTwo).last)
            }
            try await client.execute(uri: "/v1/status", method: .get, headers: fixture.auth("amina")) { response in
                let checkpoint = try Self.checkpoint(response)
                #expect(checkpoint.isSigned(by: key) && checkpoint.size == 3)
            }
            try await client.execute(uri: "/v1/changes?after=0&limit=10", method: .get, headers: fixture.auth("claire")) { response in
                let checkpoint = try Self.checkpoint(response)
                #expect(checkpoint.team == "paris" && checkpoint.size == 0 && checkpoint.head == TeamLog.emptyHead)
            }
        }
    }

    static func checkpoint(_ response: TestResponse) throws -> Checkpoint {
        let text = try #require(response.headers[HTTPField.Name("Dossier-Checkpoint")!])
        return try JSONDecoder().decode(Checkpoint.self, from: try #require(Data(base64Encoded: text)))
    }
}
