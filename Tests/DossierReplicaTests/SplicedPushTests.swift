import DossierCore
import DossierTestSupport
@testable import DossierReplica
import Foundation
import Testing

/// A push sends the outbox's stored JSON as it is: the same request as encoding the changes, made without decoding them.
@Suite struct SplicedPushTests {
    /// A replica with a few varied edits waiting in its outbox.
    static func replicaWithEdits(at path: String) throws -> Replica {
        let replica = try Replica.create(path: path, settings: ReplicaTests.settings())
        let incident = try replica.create(.incident, fields: ReplicaTests.incident.merging([
            "summary": "Kaboul : « attentat » à l'aéroport — \"185\" morts\nselon France 24 \\ 📰",
        ]) { _, new in new })
        try replica.edit(incident.key) { try Edit.set("place", to: "Abbey Gate, Kabul airport", in: $0) }
        try replica.edit(incident.key) { try Edit.addClaim(CasualtyClaim(kind: "killed", low: 170, high: 185, qualifier: "approx",
                                                                         source: IDs.france24, note: nil), in: $0) }
        return replica
    }

    /// The spliced body is byte for byte the encoded `PushRequest`, and decodes to the same changes.
    @Test func theSplicedRequestIsTheEncodedRequest() throws {
        let folder = try ScratchFolder("replica")
        let replica = try Self.replicaWithEdits(at: folder.file("r.sqlite").path)
        let changes = try replica.outbox(limit: 10).changes
        let stored = try replica.outboxBodies(limit: 10)
        #expect(changes.count == 3 && stored.count == 3)
        let spliced = Data(PushRequest.json(splicing: stored.bodies))
        #expect(spliced == CanonicalJSON.encode(PushRequest(changes: changes)))
        let decoded = try JSONDecoder().decode(PushRequest.self, from: spliced).changes.map { submitted -> Change? in
            if case .change(let change) = submitted { return change }
            return nil
        }
        #expect(decoded == changes)
        #expect(try JSONDecoder().decode(PushRequest.self, from: Data(PushRequest.json(splicing: []))).changes.isEmpty)
    }

    /// A sync sends the outbox in one POST; the server stores exactly those changes, and the next sync sends nothing.
    @Test func aSyncPushesTheStoredBodiesOnce() async throws {
        try await TeamServer.with(users: [("amina", "editor"), ("omar", "viewer")]) { server in
            try await offPool {
                let folder = try ScratchFolder("replica")
                let replica = try Self.replicaWithEdits(at: folder.file("r.sqlite").path)
                let local = try replica.outbox(limit: 10).changes
                let posts = CallRecorder<Int>()
                let transport = CountingTransport(inner: CurlTransport(options: TransportTests.options(server, "amina")), posts: posts)
                let summary = try Synchronizer(replica: replica, client: SyncClient(transport: transport)).run()
                #expect(summary.pushed == 3 && summary.rejected.isEmpty && posts.values.count == 1)
                #expect(try replica.pendingCount() == 0)
                let logged = try SyncClient(transport: transport).pull(after: 0, limit: 10).changes
                #expect(logged == local)
                _ = try Synchronizer(replica: replica, client: SyncClient(transport: transport)).run()
                #expect(posts.values.count == 1)
            }
        }
    }
}

/// A transport that counts the pushes (POSTs of changes) going through it.
private struct CountingTransport: SyncTransport {
    let inner: CurlTransport
    let posts: CallRecorder<Int>

    func send(method: HTTPMethod, path: String, query: [String: String], body: Data?) throws -> HTTPReply {
        if method == .post, path == "/v1/changes" { posts.append(body?.count ?? 0) }
        return try inner.send(method: method, path: path, query: query, body: body)
    }
}

