import DossierCore
import DossierTestSupport
@testable import DossierServer
import DossierTrust
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The server checks every signed change before it stores it (SPEC §8.2): its device bound to its author, not revoked,
/// its signature over its bytes, and its place in its replica's chain; a member may relay a colleague's signed changes.
@Suite struct SignedPushAPITests {
    @Test(arguments: StoreKind.allCases)
    func signedChangesAreCheckedAndEachBadOneIsRefusedWithItsReason(_ kind: StoreKind) async throws {
        try await APIFixture.test(kind) { client, fixture in
            var amina = Researcher("amina", replica: "laptop1"), device = SignedChain()
            try await Self.bind(client, fixture, "amina", replica: "laptop1", key: device.key, expecting: .created)
            try await Self.bind(client, fixture, "amina", replica: "laptop1", key: device.key, expecting: .ok)
            let signed = try device.sign(try amina.incidents(4))
            var receipts = try await Self.push(client, fixture, "amina", Array(signed[0...1]))
            #expect(receipts.map(\.status) == [.accepted, .accepted])

            var tampered = signed[2]
            tampered.author = "amina"
            tampered.record = amina.newID()
            var replayed = signed[2]
            replayed.id = ChangeID(replica: signed[2].id.replica, counter: 9)
            var unsigned = signed[2]
            unsigned.sig = nil
            unsigned.prev = nil
            var strangerDevice = SignedChain(), other = Researcher("amina", replica: "laptop7")
            let stranger = try strangerDevice.sign([try other.incident()])[0]
            receipts = try await Self.push(client, fixture, "amina", [tampered, replayed, unsigned, stranger, signed[3]])
            #expect(receipts.map(\.code) == [.badSignature, .badSignature, .unsigned, .deviceUnknown, .chainBroken],
                    "\(receipts.map { "\($0.code?.rawValue ?? "-"): \($0.message ?? "")" })")

            // A colleague relays amina's next change: stored with amina as its author.
            receipts = try await Self.push(client, fixture, "hamid", [signed[2]])
            #expect(receipts.map(\.status) == [.accepted])
            let stored = try await fixture.store.log(team: 1, after: 0, limit: 10).changes
            #expect(stored.map(\.author) == ["amina", "amina", "amina"] && stored.last?.id == signed[2].id)
            // …but not a change authored as someone else by her device.
            var hamid = Researcher("hamid", replica: "laptop1")
            hamid.maker = amina.maker
            var asHamid = try hamid.incident()
            asHamid.author = "hamid"
            receipts = try await Self.push(client, fixture, "hamid", [try asHamid.signed(by: device.key, after: ChangeChain.start)])
            #expect(receipts.map(\.code) == [.authorMismatch])

            _ = try await fixture.store.revokeDevice("laptop1", at: 5)
            receipts = try await Self.push(client, fixture, "amina", [signed[3]])
            #expect(receipts.map(\.code) == [.deviceRevoked])
            try await client.execute(uri: "/v1/devices", method: .get, headers: fixture.auth("omar")) { response in
                let reply = try HTTPJSON.decode(DevicesReply.self, response)
                let key = try await fixture.store.identity().publicKey
                #expect(reply.devices.count == 1 && reply.devices[0].isSigned(by: key) && reply.devices[0].revokedAfter == 3)
                #expect(reply.devices[0].user == "amina" && reply.devices[0].key == device.key.publicKey.description)
            }
        }
    }

    @Test func aReplicaOrKeyBoundElsewhereIsRefused() async throws {
        try await APIFixture.test { client, fixture in
            let first = DeviceKey.generate(), second = DeviceKey.generate()
            try await Self.bind(client, fixture, "amina", replica: "laptop1", key: first, expecting: .created)
            try await Self.bind(client, fixture, "amina", replica: "laptop1", key: second, expecting: .conflict)
            try await Self.bind(client, fixture, "hamid", replica: "laptop1", key: first, expecting: .conflict)
            try await Self.bind(client, fixture, "hamid", replica: "laptop2", key: first, expecting: .conflict)
            try await client.execute(uri: "/v1/devices", method: .post, headers: fixture.auth("amina"),
                                     body: ByteBuffer(string: #"{"replica":"laptop3","key":"ed25519:nope"}"#)) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func underRequireSignaturesAnUnsignedChangeIsRefused() async throws {
        var settings = ServerSettings()
        settings.requireSignatures = true
        try await APIFixture.test(settings: settings) { client, fixture in
            var amina = Researcher("amina", replica: "laptop1")
            let receipts = try await Self.push(client, fixture, "amina", [try amina.incident()])
            #expect(receipts.map(\.code) == [.unsigned])
        }
    }

    static func bind(_ client: any TestClientProtocol, _ fixture: APIFixture, _ user: String, replica: String, key: DeviceKey,
                     expecting status: HTTPResponse.Status) async throws {
        try await client.execute(uri: "/v1/devices", method: .post, headers: fixture.auth(user),
                                 body: HTTPJSON.body(DeviceRequest(replica: replica, key: key.publicKey.description))) { response in
            #expect(response.status == status, "\(String(buffer: response.body))")
        }
    }

    static func push(_ client: any TestClientProtocol, _ fixture: APIFixture, _ user: String, _ changes: [Change]) async throws -> [Receipt] {
        try await client.execute(uri: "/v1/changes", method: .post, headers: fixture.auth(user), body: HTTPJSON.body(PushRequest(changes: changes))) {
            try HTTPJSON.decode(PushReply.self, $0).receipts
        }
    }
}
