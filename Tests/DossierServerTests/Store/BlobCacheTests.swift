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

    @Test func aResumedUploadIsCopiedFromTheBytesItsHashCoversNotFromAnEarlierCopy() async throws {
        let (a, b) = (try CacheFolder(), try CacheFolder())
        let location = try await TestStores.freshDatabase()
        let file = SampleBytes(200_000, seed: 7), garbage = SampleBytes(200_000, seed: 8)
        let team = try await location.withStore(logger: TestStores.logger) { try await $0.addTeam(named: "kabul").id }
        // Server A takes the first 80,000 bytes of a client that sent the wrong ones, and is cut off.
        try await location.withStore(logger: TestStores.logger, blobCache: a.root) { store in
            _ = try await store.beginBlob(team: team, digest: file.digest, size: 200_000, at: 1)
            _ = try await store.appendBlob(team: team, digest: file.digest, at: 0, bytes: garbage.buffer(0, 80_000))
        }
        // Server B, with a folder of its own, starts the file over with the true bytes (as a new size would) and is cut off.
        try await location.withStore(logger: TestStores.logger, blobCache: b.root) { store in
            try await store.discardBlob(team: team, digest: file.digest)
            let first = try await receive(file, 0..<80_000, store: store, team: team)
            #expect(!first.completedNow && first.received == 80_000)
        }
        // A resumes it: a process starting drops its partial copies, and the receiver reads the start back from PostgreSQL.
        try await location.withStore(logger: TestStores.logger, blobCache: a.root) { store in
            try FileManager.default.createDirectory(atPath: "\(a.root)/\(team)/incoming", withIntermediateDirectories: true)
            try Data(garbage.bytes[0..<80_000]).write(to: URL(fileURLWithPath: "\(a.root)/\(team)/incoming/\(file.digest.hex)"))
            let last = try await receive(file, 80_000..<200_000, store: store, team: team)
            #expect(last.completedNow)
            #expect(FileManager.default.contents(atPath: a.copyPath(team, file.digest)) == Data(file.bytes),
                    "the copy is the bytes the upload's hash covered, not the partial copy that was there")
            #expect(a.partials(team).isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: b.copyPath(team, file.digest)), "B never had the whole file")
    }

    @Test func aPartialUploadIsReadFromPostgreSQLEvenBesideAWholeCopy() async throws {
        try await CachedStore.with { store, team, cache in
            let file = SampleBytes(5_000, seed: 11), other = SampleBytes(5_000, seed: 12)
            try await upload(file, to: store, team: team, pieces: [5_000])
            try await TestStores.execute("DELETE FROM blobs", on: store)
            _ = try await store.beginBlob(team: team, digest: file.digest, size: 5_000, at: 3)
            _ = try await store.appendBlob(team: team, digest: file.digest, at: 0, bytes: other.buffer(0, 2_000))
            #expect(try await read(store, team, file.digest, 0..<2_000) == Array(other.bytes[0..<2_000]),
                    "PostgreSQL's bytes, though a whole copy of the name is on disk")
        }
    }

    @Test func aCopyOfTheWrongSizeIsNeverReadAndAWholeDownloadReplacesIt() async throws {
        try await CachedStore.with { store, team, cache in
            let file = SampleBytes(1_500_000, seed: 13)
            try await upload(file, to: store, team: team, pieces: [1_500_000])
            let copy = cache.copyPath(team, file.digest)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: copy)
            try Data(SampleBytes(1_600_000, seed: 14).bytes).write(to: URL(fileURLWithPath: copy))
            #expect(try await read(store, team, file.digest, 0..<1_000) == Array(file.bytes[0..<1_000]))
            #expect(try await read(store, team, file.digest, 0..<1_500_000) == file.bytes)
            #expect(try await cache.waitFor(team, file.digest) { $0.count == 1_500_000 } == Data(file.bytes))
        }
    }

    @Test func twoDownloadsAtOnceBothGetTheBytesAndLeaveOneWholeCopy() async throws {
        try await CachedStore.with { store, team, cache in
            let file = SampleBytes(4_000_000, seed: 15)
            try await upload(file, to: store, team: team, pieces: [4_000_000])
            try FileManager.default.removeItem(atPath: cache.copyPath(team, file.digest))
            try await withThrowingTaskGroup(of: [UInt8].self) { group in
                for _ in 0..<2 { group.addTask { try await read(store, team, file.digest, 0..<4_000_000) } }
                for try await bytes in group { #expect(bytes == file.bytes) }
            }
            #expect(try await cache.waitForCopy(team, file.digest) == Data(file.bytes))
            try await Task.sleep(for: .milliseconds(200))
            #expect(cache.partials(team).isEmpty)
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
        try await waitFor(team, digest) { _ in true }
    }

    /// The copy's bytes once they pass `check`; nil after 10 s.
    func waitFor(_ team: Int64, _ digest: ContentDigest, _ check: (Data) -> Bool) async throws -> Data? {
        for _ in 0..<200 {
            if let data = FileManager.default.contents(atPath: copyPath(team, digest)), check(data) { return data }
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

/// Receives `range` of a file as the server does a `PUT` with that `Content-Range`, in 16 KiB reads.
private func receive<Store: SyncStore>(_ file: SampleBytes, _ range: Range<Int64>, store: Store, team: Int64) async throws
    -> (completedNow: Bool, received: Int64) {
    let receiver = BlobReceiver(store: store, uploads: BlobUploads(), maxBlobBytes: 1 << 30)
    let piece = ContentRange.Upload(start: range.lowerBound, length: Int64(range.count), total: Int64(file.bytes.count))
    let body = AsyncStream<ByteBuffer> { continuation in
        for start in stride(from: range.lowerBound, to: range.upperBound, by: 16_384) {
            continuation.yield(file.buffer(start, Int(min(16_384, range.upperBound - start))))
        }
        continuation.finish()
    }
    let outcome = try await receiver.receive(team: team, digest: file.digest, piece: piece, now: 5, body: body.map { $0 })
    return (outcome.completedNow, outcome.entry.received)
}
