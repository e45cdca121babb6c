import DossierCore
import DossierTrust
import Foundation

/// The sync protocol's four calls over a transport, decoding replies and turning error statuses into `TransportError`.
public struct SyncClient: Sendable {
    /// The transport requests go through.
    public let transport: any SyncTransport

    /// A client over a transport (the real `CurlTransport`, or a fake in tests).
    public init(transport: any SyncTransport) {
        self.transport = transport
    }

    /// A client over a `CurlTransport` with these options.
    public init(options: TransportOptions) {
        self.init(transport: CurlTransport(options: options))
    }

    /// The evidence-file calls, over libcurl; nil for a transport that cannot stream files (a fake).
    public var blobs: BlobClient? { (transport as? CurlTransport).map(BlobClient.init) }

    /// `GET /v1/status`: who the token belongs to, the team, the role and the server's clock, with the log's signed
    /// checkpoints: at its head, and at `held` (the size this replica verified) when given.
    public func status(held: Int64? = nil) throws -> StatusReply {
        let reply = try transport.get("/v1/status", query: held.map { ["held": String($0)] } ?? [:])
        var status = try decode(StatusReply.self, from: reply)
        status.checkpoint = reply.header(Checkpoint.headerName)
        status.heldCheckpoint = reply.header(Checkpoint.heldHeaderName)
        return status
    }

    /// `GET /v1/log/hashes`: the chain's hashes of the team log's entries after `after`, at most `limit`.
    public func logHashes(after: Int64, limit: Int) throws -> LogHashesReply {
        try decode(LogHashesReply.self, from: transport.get("/v1/log/hashes", query: ["after": String(after), "limit": String(limit)]))
    }


    /// `POST /v1/devices`: binds this replica's device key to the token's user; the server's signed binding.
    public func bindDevice(_ request: DeviceRequest) throws -> DeviceBinding {
        try decode(DeviceBinding.self, from: transport.send(method: .post, path: "/v1/devices", query: [:], body: CanonicalJSON.encode(request)))
    }

    /// `GET /v1/devices`: the team's device keys, each binding signed by the server.
    public func devices() throws -> DevicesReply {
        try decode(DevicesReply.self, from: transport.get("/v1/devices"))
    }

    /// `POST /v1/changes` with changes as the outbox stores them (canonical JSON), spliced into the request as they are.
    public func push(bodies: [String]) throws -> PushReply {
        try push(Data(PushRequest.json(splicing: bodies)), count: bodies.count)
    }

    /// Sends a push body of `count` changes and checks there is one receipt for each.
    private func push(_ body: Data, count: Int) throws -> PushReply {
        let reply = try decode(PushReply.self, from: transport.send(method: .post, path: "/v1/changes", query: [:], body: body))
        guard reply.receipts.count == count else {
            throw TransportError.badReply("the server sent \(reply.receipts.count) receipts for \(count) changes; sync again, and tell the server's operator if it persists")
        }
        return reply
    }

    /// `GET /v1/changes`: the changes after a cursor, at most `limit` of them, as the server's log stores them.
    public func pull(after cursor: Int64, limit: Int) throws -> PullPage {
        let reply = try transport.get("/v1/changes", query: ["after": String(cursor), "limit": String(limit)],
                                      accepting: "\(SyncProtocol.packedMediaType), application/json")
        var page = try read(reply, what: "pull page") { try PullPage(packed: $0) } json: { try PullPage(json: $0) }
        page.checkpoint = reply.header(Checkpoint.headerName)
        return page
    }

    /// `GET /v1/snapshot`: one page of materialised records, starting after a key (nil for the first page);
    /// read from JSON or, when the server sent it so, from the packed form.
    public func snapshot(after key: String?, limit: Int) throws -> SnapshotPage {
        var query = ["limit": String(limit)]
        if let key { query["after"] = key }
        let reply = try transport.get("/v1/snapshot", query: query, accepting: "\(SyncProtocol.packedMediaType), application/json")
        // Every state is unpacked once here (off the storing thread when prefetched), so a damaged one refuses the page
        // before the replica stores any of it as it came.
        var page = try read(reply, what: "snapshot page") { bytes in
            let page = try SnapshotPage(packed: bytes)
            try page.checkStates()
            return page
        } json: { try SnapshotPage(json: $0) }
        page.checkpoint = reply.header(Checkpoint.headerName)
        return page
    }

    /// Reads a page in the form the server sent: packed when it says so, else JSON.
    private func read<Page>(_ reply: HTTPReply, what: String, packed: ([UInt8]) throws -> Page, json: (Data) throws -> Page) throws -> Page {
        try check(reply)
        do {
            if reply.header("Content-Type") == SyncProtocol.packedMediaType { return try packed(Array(reply.body)) }
            return try json(reply.body)
        } catch {
            throw TransportError.badReply(
                "the server's \(what) could not be read (\(error)); check that the server URL points at a dossier-server of a matching version")
        }
    }

    /// Decodes a success body, or throws the error a non-2xx reply stands for.
    func decode<T: Decodable>(_ type: T.Type, from reply: HTTPReply) throws -> T {
        try check(reply)
        do {
            return try JSONDecoder().decode(T.self, from: reply.body)
        } catch let error as DecodingError {
            throw TransportError.badReply(
                "the server's reply could not be read (\(error.readableDescription)); check that the server URL points at a dossier-server of a matching version")
        }
    }

    /// Throws the error a non-2xx reply or another protocol version stands for.
    func check(_ reply: HTTPReply) throws {
        guard reply.isSuccess else { throw TransportError.from(reply) }
        if let version = reply.header(SyncProtocol.versionHeader), version != String(SyncProtocol.version) {
            throw TransportError.protocolMismatch(
                "the server speaks Dossier protocol \(version), this client speaks \(SyncProtocol.version); upgrade the dossier client or ask the operator which version to use")
        }
    }
}
