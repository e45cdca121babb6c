import DossierCore
import DossierEvidence
@testable import DossierServer
import DossierTrust
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Testing

/// Evidence files through the router, on both stores: resumable uploads, the checks on a file's name, size and quota,
/// roles and team isolation, and ranged downloads.
@Suite struct BlobAPITests {
    @Test(arguments: StoreKind.allCases)
    func aFileUploadedInThreePiecesDownloadsWholeWithAReceiptSignedByTheServer(_ kind: StoreKind) async throws {
        try await APIFixture.test(kind) { client, fixture in
            let api = BlobAPI(client: client, fixture: fixture), file = Evidence(2_500)
            let first = try await api.put("amina", file, 0..<700)
            #expect(first.status == .ok && first.headers[.uploadOffset] == "700")
            #expect(try HTTPJSON.decode(BlobReply.self, first) == BlobReply(sha256: file.digest.hex, size: 2_500, received: 700, complete: false))
            let partial = try await api.head("amina", file.uri)
            #expect(partial.status == .notFound && partial.headers[.uploadOffset] == "700" && partial.headers[.uploadLength] == "2500")
            #expect(try HTTPJSON.decode(BlobReply.self, try await api.put("amina", file, 700..<1_901)).received == 1_901)

            let last = try await api.put("amina", file, 1_901..<2_500)
            #expect(last.status == .created)
            let reply = try HTTPJSON.decode(BlobReply.self, last)
            #expect(reply.complete && reply.size == 2_500 && reply.received == 2_500 && reply.sha256 == file.digest.hex)
            let receipt = try #require(reply.receipt)
            #expect(receipt.team == "kabul" && receipt.sha256 == file.digest.hex && receipt.size == 2_500)
            let key = try await fixture.store.identity().publicKey
            #expect(receipt.isSigned(by: key))
            var tampered = [receipt, receipt, receipt, receipt]
            tampered[0].size += 1
            tampered[1].team = "paris"
            tampered[2].sha256 = Evidence(9).digest.hex
            tampered[3].receivedAt = "2001-01-01T00:00:00Z"
            #expect(tampered.allSatisfy { !$0.isSigned(by: key) }, "a receipt edited after signing does not verify")
            #expect(!receipt.isSigned(by: ServerIdentity.generate().publicKey), "nor does it verify with another server's key")

            let download = try await api.get("amina", file.uri)
            #expect(download.status == .ok && Array(download.body.readableBytesView) == file.bytes)
            let whole = try await api.head("amina", file.uri)
            #expect(whole.status == .ok && whole.headers[.uploadOffset] == "2500" && whole.headers[.uploadLength] == "2500")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aPieceAtTheWrongOffsetIsRefusedWith409AndChangesNothing(_ kind: StoreKind) async throws {
        try await APIFixture.test(kind) { client, fixture in
            let api = BlobAPI(client: client, fixture: fixture), file = Evidence(1_000)
            #expect(try await api.put("amina", file, 0..<400).status == .ok)
            for wrong in [500..<700, 0..<400, 300..<500, 401..<1_000] {
                try expectError(try await api.put("amina", file, wrong), .conflict, "offset_mismatch", "a piece at \(wrong)")
            }
            #expect(try await api.head("amina", file.uri).headers[.uploadOffset] == "400")
            let team = try await api.team("amina")
            #expect(try await fixture.store.blob(team: team, digest: file.digest) == BlobEntry(size: 1_000, received: 400, completedAt: nil))
            #expect(try await storedBytes(fixture.store, team: team, file.digest, 0..<400) == Array(file.bytes[0..<400]))
            #expect(try await api.put("amina", file, 400..<1_000).status == .created)
            #expect(Array(try await api.get("amina", file.uri).body.readableBytesView) == file.bytes)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func bytesThatDoNotHashToTheirNameAreRefusedWith422AndNothingIsKept(_ kind: StoreKind) async throws {
        try await APIFixture.test(kind) { client, fixture in
            let api = BlobAPI(client: client, fixture: fixture), file = Evidence(3_000), forged = Evidence(3_000, seed: 2)
            try expectError(try await api.put("amina", file.uri, forged.bytes[...]), .unprocessableContent, "digest_mismatch", "whole")
            try await expectNothingHeld(api, file)
            // In pieces: the first is kept (nothing is known yet); the last shows the mismatch and takes all of it away.
            let range = "bytes 0-1499/3000", rest = "bytes 1500-2999/3000"
            #expect(try await api.put("amina", file.uri, forged.bytes[0..<1_500], range: range).status == .ok)
            try expectError(try await api.put("amina", file.uri, forged.bytes[1_500...], range: rest), .unprocessableContent,
                            "digest_mismatch", "pieces")
            try await expectNothingHeld(api, file)

            #expect(try await api.put("amina", file, 0..<1_500).status == .ok, "the right bytes start from byte 0")
            #expect(try await api.put("amina", file, 1_500..<3_000).status == .created)
            #expect(Array(try await api.get("amina", file.uri).body.readableBytesView) == file.bytes)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aFileOverTheSizeLimitIsRefusedWith413BeforeAnyByteIsKept(_ kind: StoreKind) async throws {
        var settings = ServerSettings()
        settings.maxBlobBytes = 1_000
        try await APIFixture.test(kind, settings: settings) { client, fixture in
            let api = BlobAPI(client: client, fixture: fixture), big = Evidence(1_001)
            try expectError(try await api.put("amina", big.uri, big.bytes[...]), .contentTooLarge, "blob_too_large", "whole")
            try expectError(try await api.put("amina", big, 0..<100), .contentTooLarge, "blob_too_large", "a piece of a large file")
            try await expectNothingHeld(api, big)
            let limit = Evidence(1_000)
            #expect(try await api.put("amina", limit.uri, limit.bytes[...]).status == .created, "a file of exactly the limit is accepted")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aFileOverTheTeamsQuotaIsRefusedWith507WhileOnesWithinItAreAccepted(_ kind: StoreKind) async throws {
        try await APIFixture.test(kind) { client, fixture in
            let api = BlobAPI(client: client, fixture: fixture)
            try await fixture.store.setQuota(team: "kabul", bytes: 1_500)
            let first = Evidence(1_000), over = Evidence(600, seed: 2), fits = Evidence(500, seed: 3)
            #expect(try await api.put("amina", first.uri, first.bytes[...]).status == .created)
            try expectError(try await api.put("amina", over.uri, over.bytes[...]), .insufficientStorage, "quota_exceeded", "600 more")
            try await expectNothingHeld(api, over)
            #expect(try await fixture.store.blobUsage(team: try await api.team("amina")) == BlobUsage(used: 1_000, quota: 1_500))
            #expect(try await api.put("amina", fits.uri, fits.bytes[...]).status == .created, "up to the quota exactly")
            #expect(try await api.put("claire", over.uri, over.bytes[...]).status == .created, "the quota is kabul's only")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aViewerCanDownloadButNotUpload(_ kind: StoreKind) async throws {
        try await APIFixture.test(kind) { client, fixture in
            let api = BlobAPI(client: client, fixture: fixture), file = Evidence(800), other = Evidence(300, seed: 5)
            #expect(try await api.put("amina", file.uri, file.bytes[...]).status == .created)
            try expectError(try await api.put("omar", other.uri, other.bytes[...]), .forbidden, "forbidden", "a new file")
            try expectError(try await api.put("omar", file.uri, file.bytes[...]), .forbidden, "forbidden", "a file the team holds")
            try await expectNothingHeld(api, other)
            #expect(try await api.head("omar", file.uri).status == .ok)
            let download = try await api.get("omar", file.uri)
            #expect(download.status == .ok && Array(download.body.readableBytesView) == file.bytes)
            #expect(try await api.put("hamid", other.uri, other.bytes[...]).status == .created, "an admin uploads")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anotherTeamNeitherSeesATeamsFilesNorBorrowsThemOnUpload(_ kind: StoreKind) async throws {
        try await APIFixture.test(kind) { client, fixture in
            let api = BlobAPI(client: client, fixture: fixture), file = Evidence(2_000), partial = Evidence(900, seed: 4)
            #expect(try await api.put("amina", file.uri, file.bytes[...]).status == .created)
            #expect(try await api.put("amina", partial, 0..<300).status == .ok)
            for unseen in [file, partial] {
                let head = try await api.head("claire", unseen.uri)
                #expect(head.status == .notFound && head.headers[.uploadOffset] == "0" && head.headers[.uploadLength] == nil)
                try expectError(try await api.get("claire", unseen.uri), .notFound, "blob_not_found", "GET")
                try expectError(try await api.get("claire", unseen.uri, range: "bytes=0-9"), .notFound, "blob_not_found", "ranged GET")
            }
            let firstHalf = try HTTPJSON.decode(BlobReply.self, try await api.put("claire", file, 0..<1_000))
            #expect(!firstHalf.complete && firstHalf.received == 1_000, "paris uploads its own copy from byte 0")
            let done = try await api.put("claire", file, 1_000..<2_000)
            let receipt = try HTTPJSON.decode(BlobReply.self, done).receipt
            #expect(done.status == .created && receipt?.team == "paris")
            #expect(try HTTPJSON.decode(BlobReply.self, try await api.put("claire", partial, 0..<300)).received == 300)
            for user in ["amina", "claire"] {
                #expect(Array(try await api.get(user, file.uri).body.readableBytesView) == file.bytes)
                #expect(try await fixture.store.blobUsage(team: try await api.team(user)).used == 2_900)
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func craftedNamesAreRefusedWith400AndTouchNothingOnDisk(_ kind: StoreKind) async throws {
        try await APIFixture.test(kind) { client, fixture in
            let api = BlobAPI(client: client, fixture: fixture), file = Evidence(64), hex = Evidence(64).digest.hex
            let folder = (fixture.store as? SQLiteStore).map { URL(fileURLWithPath: $0.blobFolder.root).deletingLastPathComponent() }
            let before = try folder.map(Self.listing)
            let names = ["..%2F..%2Fetc%2Fpasswd", "..%2f..%2f..%2ftmp%2fdossier-escape", String(hex.dropLast()), hex.uppercased(),
                         hex + "0", "g" + hex.dropFirst(), "%2E%2E", String(hex.prefix(32)) + "%2F" + String(hex.suffix(29))]
            for name in names {
                let uri = "/v1/blobs/" + name
                try expectError(try await api.put("amina", uri, file.bytes[...]), .badRequest, "bad_blob_name", "PUT \(name)")
                try expectError(try await api.get("amina", uri), .badRequest, "bad_blob_name", "GET \(name)")
                #expect(try await api.head("amina", uri).status == .badRequest, "HEAD \(name)")
            }
            #expect(try await fixture.store.blobUsage(team: try await api.team("amina")).used == 0)
            #expect(try await Self.byteHolders(fixture.store) == 0)
            if let folder, let before {
                #expect(try Self.listing(folder) == before, "no file or folder was made beside the store")
            }
            #expect(!FileManager.default.fileExists(atPath: "/tmp/dossier-escape"))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func badContentRangesAreRefusedWith400AndNothingIsKept(_ kind: StoreKind) async throws {
        try await APIFixture.test(kind) { client, fixture in
            let api = BlobAPI(client: client, fixture: fixture), file = Evidence(300)
            let cases: [(String, ArraySlice<UInt8>)] = [
                ("bytes 0-99/300", file.bytes[0..<150]), ("bytes 0-299/200", file.bytes[...]), ("bytes 99-0/300", file.bytes[0..<100]),
                ("bytes=0-99/300", file.bytes[0..<100]), ("0-99/300", file.bytes[0..<100]), ("bytes 0-99/*", file.bytes[0..<100]),
            ]
            for (range, body) in cases {
                try expectError(try await api.put("amina", file.uri, body, range: range), .badRequest, "bad_content_range", range)
            }
            try await expectNothingHeld(api, file)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func rangeRequestsAnswer206WithContentRangeAnd416PastTheEnd(_ kind: StoreKind) async throws {
        try await APIFixture.test(kind) { client, fixture in
            let api = BlobAPI(client: client, fixture: fixture), file = Evidence(5_000)
            for piece in [0..<1_234, 1_234..<3_001, 3_001..<4_999, 4_999..<5_000] { _ = try await api.put("amina", file, piece) }
            let parts: [(String, Range<Int>)] = [
                ("bytes=0-0", 0..<1), ("bytes=1000-2999", 1_000..<3_000), ("bytes=1233-1234", 1_233..<1_235),
                ("bytes=-700", 4_300..<5_000), ("bytes=-1", 4_999..<5_000), ("bytes=4990-", 4_990..<5_000),
                ("bytes=4000-9999", 4_000..<5_000), ("bytes=-9999", 0..<5_000), ("bytes=0-", 0..<5_000),
            ]
            for (range, expected) in parts {
                let response = try await api.get("amina", file.uri, range: range)
                #expect(response.status == .partialContent, "\(range)")
                #expect(response.headers[.contentRange] == "bytes \(expected.lowerBound)-\(expected.upperBound - 1)/5000", "\(range)")
                #expect(Array(response.body.readableBytesView) == Array(file.bytes[expected]), "\(range)")
            }
            for range in ["bytes=5000-", "bytes=7000-8000"] {
                try expectError(try await api.get("amina", file.uri, range: range), .rangeNotSatisfiable, "range_not_satisfiable", range)
            }
            for range in ["bytes=3-1", "bytes=0-1,4-5", "lines=1-2"] {
                try expectError(try await api.get("amina", file.uri, range: range), .badRequest, "bad_request", range)
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anEmptyFileUploadsAndDownloads(_ kind: StoreKind) async throws {
        try await APIFixture.test(kind) { client, fixture in
            let api = BlobAPI(client: client, fixture: fixture), empty = Evidence(0)
            #expect(empty.digest.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
            let upload = try await api.put("amina", empty.uri, [][...])
            #expect(upload.status == .created, "\(String(buffer: upload.body))")
            let reply = try? HTTPJSON.decode(BlobReply.self, upload)
            #expect(reply?.complete == true && reply?.size == 0 && reply?.receipt?.size == 0)
            let head = try await api.head("amina", empty.uri)
            #expect(head.status == .ok && head.headers[.uploadOffset] == "0" && head.headers[.uploadLength] == "0")
            let download = try await api.get("amina", empty.uri)
            #expect(download.status == .ok && download.body.readableBytes == 0)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func theSameFileUploadedTwiceIsStoredOnce(_ kind: StoreKind) async throws {
        try await APIFixture.test(kind) { client, fixture in
            let api = BlobAPI(client: client, fixture: fixture), file = Evidence(1_700)
            let first = try HTTPJSON.decode(BlobReply.self, try await api.put("amina", file.uri, file.bytes[...]))
            let holders = try await Self.byteHolders(fixture.store)
            for again in [try await api.put("hamid", file.uri, file.bytes[...]), try await api.put("amina", file, 0..<200)] {
                #expect(again.status == .ok && again.headers[.uploadOffset] == "1700")
                let reply = try HTTPJSON.decode(BlobReply.self, again)
                #expect(reply.complete && reply.received == 1_700)
                #expect(reply.receipt?.receivedAt == first.receipt?.receivedAt, "the receipt tells when the file first arrived")
            }
            #expect(try await fixture.store.blobUsage(team: try await api.team("amina")).used == 1_700)
            #expect(try await Self.byteHolders(fixture.store) == holders)
            #expect(Array(try await api.get("amina", file.uri).body.readableBytesView) == file.bytes)
        }
    }

    /// Every path under a folder, for comparing before and after.
    static func listing(_ folder: URL) throws -> Set<String> {
        Set(FileManager.default.subpaths(atPath: folder.path) ?? [])
    }

    /// How many places hold file bytes in the store (of one file, or of all): files in SQLite's blob folder, chunk rows in PostgreSQL.
    static func byteHolders(_ store: any SyncStore, of digest: ContentDigest? = nil) async throws -> Int {
        if let sqlite = store as? SQLiteStore {
            let root = sqlite.blobFolder.root
            return (FileManager.default.subpaths(atPath: root) ?? []).filter { path in
                var isFolder: ObjCBool = false
                let isFile = FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isFolder) && !isFolder.boolValue
                return isFile && (digest == nil || path.hasSuffix("/" + digest!.hex))
            }.count
        }
        let postgres = try #require(store as? PostgresStore)
        let query: PostgresQuery = if let hex = digest?.hex {
            "SELECT count(*)::BIGINT FROM blob_chunks WHERE sha256 = \(hex)"
        } else {
            "SELECT count(*)::BIGINT FROM blob_chunks"
        }
        for try await count in try await postgres.client.query(query, logger: TestStores.logger).decode(Int64.self) { return Int(count) }
        return 0
    }
}

private typealias Evidence = SampleBytes

/// The blob requests of the tests, as a user.
private struct BlobAPI {
    /// The router's client.
    let client: any TestClientProtocol
    /// The teams and tokens.
    let fixture: APIFixture

    /// PUTs bytes, with a `Content-Range` when given.
    func put(_ user: String, _ uri: String, _ bytes: ArraySlice<UInt8>, range: String? = nil) async throws -> TestResponse {
        var headers = fixture.auth(user)
        headers[.contentLength] = String(bytes.count)
        if let range { headers[.contentRange] = range }
        return try await client.execute(uri: uri, method: .put, headers: headers, body: ByteBuffer(bytes: bytes))
    }

    /// PUTs a piece of a file with its `Content-Range`.
    func put(_ user: String, _ file: Evidence, _ piece: Range<Int>) async throws -> TestResponse {
        try await put(user, file.uri, file.bytes[piece], range: "bytes \(piece.lowerBound)-\(piece.upperBound - 1)/\(file.bytes.count)")
    }

    /// HEADs a file.
    func head(_ user: String, _ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .head, headers: fixture.auth(user))
    }

    /// GETs a file, or a `Range` of it.
    func get(_ user: String, _ uri: String, range: String? = nil) async throws -> TestResponse {
        var headers = fixture.auth(user)
        if let range { headers[.range] = range }
        return try await client.execute(uri: uri, method: .get, headers: headers)
    }

    /// The team id of a user.
    func team(_ user: String) async throws -> Int64 {
        let token = try #require(AccessToken(fixture.tokens[user]!))
        return try #require(try await fixture.store.credential(selector: token.selector)).member.teamID
    }
}

/// Checks a JSON error reply's status and code.
private func expectError(_ response: TestResponse, _ status: HTTPResponse.Status, _ code: String, _ what: String,
                         sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(response.status == status, "\(what): \(String(buffer: response.body).prefix(300))", sourceLocation: sourceLocation)
    #expect(try HTTPJSON.error(response).code == code, "\(what)", sourceLocation: sourceLocation)
}

/// Checks that the team holds nothing of a file: HEAD says 404 from byte 0, and the store has no entry.
private func expectNothingHeld(_ api: BlobAPI, _ file: Evidence, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let head = try await api.head("amina", file.uri)
    #expect(head.status == .notFound && head.headers[.uploadOffset] == "0" && head.headers[.uploadLength] == nil,
            "HEAD: \(head.status) \(head.headers)", sourceLocation: sourceLocation)
    #expect(try await api.fixture.store.blob(team: try await api.team("amina"), digest: file.digest) == nil, sourceLocation: sourceLocation)
    #expect(try await BlobAPITests.byteHolders(api.fixture.store, of: file.digest) == 0, "no byte of it is kept", sourceLocation: sourceLocation)
}

/// The stored bytes of a range of a team's file; nil when the store has none.
private func storedBytes(_ store: any SyncStore, team: Int64, _ digest: ContentDigest, _ range: Range<Int64>) async throws -> [UInt8]? {
    var bytes: [UInt8] = []
    do {
        try await store.readBlob(team: team, digest: digest, range: range) { bytes += $0.readableBytesView }
    } catch BlobStoreError.missing {
        return nil
    }
    return bytes
}
