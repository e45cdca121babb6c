import DossierCore
import DossierEvidence
@testable import DossierServer
import DossierTestSupport
import Foundation
import NIOCore
import Testing

/// A PostgreSQL server's `--blob-cache`: an upload that passed through the server leaves a read-only copy that downloads
/// read instead of PostgreSQL; a missing copy is read from PostgreSQL and made again by a whole download; a copy is only
/// ever made of bytes that all passed through this process.
@Suite struct BlobCacheTests {
    @Test func anUploadLeavesAReadOnlyCopyThatDownloadsReadInsteadOfPostgreSQL() async throws {
        try await CachedStore.with { store, team, cache in
            let file = SampleBytes(300_000)
            try await upload(file, to: store, team: team, pieces: [100_000, 150_000, 50_000])
            let copy = cache.copyPath(team, file.digest)
            #expect(FileManager.default.contents(atPath: copy) == Data(file.bytes))
            #expect(try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int == 0o400)
            #expect(cache.partials(team).isEmpty)

            try await TestStores.execute("DELETE FROM blob_chunks", on: store)
            #expect(try await read(store, team, file.digest, 0..<300_000) == file.bytes, "read from the copy: PostgreSQL has no bytes left")
            #expect(try await read(store, team, file.digest, 99_999..<150_001) == Array(file.bytes[99_999..<150_001]))
        }
    }

    @Test func aMissingCopyIsReadFromPostgreSQLAndAWholeDownloadCopiesItAgain() async throws {
        try await CachedStore.with { store, team, cache in
            let file = SampleBytes(2_500_000, seed: 3)
            try await upload(file, to: store, team: team, pieces: [1_048_576, 1_451_424])
            try FileManager.default.removeItem(atPath: cache.copyPath(team, file.digest))

            #expect(try await read(store, team, file.digest, 10..<600_000) == Array(file.bytes[10..<600_000]))
            #expect(try await read(store, team, file.digest, 0..<2_000_000) == Array(file.bytes[0..<2_000_000]))
            #expect(cache.partials(team).isEmpty && !FileManager.default.fileExists(atPath: cache.copyPath(team, file.digest)),
                    "only a whole download makes a copy")

            #expect(try await read(store, team, file.digest, 0..<2_500_000) == file.bytes)
            #expect(try await cache.waitForCopy(team, file.digest) == Data(file.bytes))
            try await TestStores.execute("DELETE FROM blob_chunks", on: store)
            #expect(try await read(store, team, file.digest, 0..<2_500_000) == file.bytes, "read from the new copy")
        }
    }

    @Test func aDownloadCutShortLeavesNoPartialCopy() async throws {
        try await CachedStore.with { store, team, cache in
            let file = SampleBytes(3_000_000, seed: 5)
            try await upload(file, to: store, team: team, pieces: [3_000_000])
            try FileManager.default.removeItem(atPath: cache.copyPath(team, file.digest))
            struct ClientGone: Error {}
            await #expect(throws: ClientGone.self) {
                try await store.readBlob(team: team, digest: file.digest, range: 0..<3_000_000) { _ in throw ClientGone() }
            }
            #expect(cache.partials(team).isEmpty)
            #expect(try await read(store, team, file.digest, 0..<3_000_000) == file.bytes)
            #expect(try await cache.waitForCopy(team, file.digest) == Data(file.bytes), "the next whole download copies it")
        }
    }

    @Test func anUploadResumedByAnotherProcessIsNotCopiedUntilAWholeDownload() async throws {
        let cache = try CacheFolder()
        let location = try await TestStores.freshDatabase()
        let file = SampleBytes(200_000, seed: 7)
        let team = try await location.withStore(logger: TestStores.logger, blobCache: cache.root) { store in
            let team = try await store.addTeam(named: "kabul").id
            _ = try await store.beginBlob(team: team, digest: file.digest, size: 200_000, at: 1)
            _ = try await store.appendBlob(team: team, digest: file.digest, at: 0, bytes: file.buffer(0, 80_000))
            #expect(cache.partials(team).count == 1)
            return team
        }
        try await location.withStore(logger: TestStores.logger, blobCache: cache.root) { store in
            #expect(cache.partials(team).isEmpty, "a partial copy from an earlier process is removed")
            _ = try await store.appendBlob(team: team, digest: file.digest, at: 80_000, bytes: file.buffer(80_000, 120_000))
            _ = try await store.completeBlob(team: team, digest: file.digest, at: 2)
            #expect(!FileManager.default.fileExists(atPath: cache.copyPath(team, file.digest)), "its first bytes never passed through here")
            #expect(cache.partials(team).isEmpty)
            #expect(try await read(store, team, file.digest, 0..<200_000) == file.bytes)
            #expect(try await cache.waitForCopy(team, file.digest) == Data(file.bytes))
        }
    }

    @Test func aPieceThatPostgreSQLRefusesLeavesNoPartialCopy() async throws {
        try await CachedStore.with { store, team, cache in
            let file = SampleBytes(1_000, seed: 9)
            _ = try await store.beginBlob(team: team, digest: file.digest, size: 1_000, at: 1)
            _ = try await store.appendBlob(team: team, digest: file.digest, at: 0, bytes: file.buffer(0, 100))
            await #expect(throws: BlobStoreError.offsetMoved(received: 100)) {
                try await store.appendBlob(team: team, digest: file.digest, at: 500, bytes: file.buffer(500, 500))
            }
            #expect(cache.partials(team).isEmpty)
            _ = try await store.appendBlob(team: team, digest: file.digest, at: 100, bytes: file.buffer(100, 900))
            _ = try await store.completeBlob(team: team, digest: file.digest, at: 2)
            #expect(!FileManager.default.fileExists(atPath: cache.copyPath(team, file.digest)))
            #expect(try await read(store, team, file.digest, 0..<1_000) == file.bytes)
        }
    }
}

/// A scratch cache folder and where its copies lie.
private struct CacheFolder {
    let scratch: ScratchFolder
    /// The folder given to the store.
    var root: String { scratch.url.path }

    init() throws { scratch = try ScratchFolder("blob-cache") }

    /// Where the whole copy of a team's file lies.
    func copyPath(_ team: Int64, _ digest: ContentDigest) -> String {
        "\(root)/\(team)/\(digest.hex.prefix(2))/\(digest.hex)"
    }

    /// The team's partial copies.
    func partials(_ team: Int64) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: "\(root)/\(team)/incoming")) ?? []
    }

    /// The copy's bytes, once it is kept (a download keeps it a moment after its reply ends); nil after 10 s.
    func waitForCopy(_ team: Int64, _ digest: ContentDigest) async throws -> Data? {
        for _ in 0..<200 {
            if let data = FileManager.default.contents(atPath: copyPath(team, digest)) { return data }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }
}

/// A fresh PostgreSQL store with a cache folder and one team.
private enum CachedStore {
    static func with(_ body: @Sendable @escaping (any SyncStore, Int64, CacheFolder) async throws -> Void) async throws {
        let cache = try CacheFolder()
        try await TestStores.withStore(.postgres, blobCache: cache.root) { store in
            try await body(store, try await store.addTeam(named: "kabul").id, cache)
        }
    }
}

/// Uploads a file in pieces of the given lengths and completes it.
private func upload(_ file: SampleBytes, to store: any SyncStore, team: Int64, pieces: [Int]) async throws {
    _ = try await store.beginBlob(team: team, digest: file.digest, size: Int64(file.bytes.count), at: 1)
    var end: Int64 = 0
    for length in pieces {
        end = try await store.appendBlob(team: team, digest: file.digest, at: end, bytes: file.buffer(end, length))
    }
    _ = try await store.completeBlob(team: team, digest: file.digest, at: 2)
}

/// The bytes a store gives for a range of a team's file.
private func read(_ store: any SyncStore, _ team: Int64, _ digest: ContentDigest, _ range: Range<Int64>) async throws -> [UInt8] {
    var bytes: [UInt8] = []
    try await store.readBlob(team: team, digest: digest, range: range) { bytes += $0.readableBytesView }
    return bytes
}
