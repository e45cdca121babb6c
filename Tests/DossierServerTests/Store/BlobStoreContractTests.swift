import DossierCore
import DossierEvidence
import DossierTestSupport
@testable import DossierServer
import Foundation
import NIOCore
import Testing

/// The blob half of the store contract, on both stores (and PostgreSQL with a `--blob-cache`): the steps `BlobReceiver`
/// builds on, called directly.
@Suite struct BlobStoreContractTests {
    /// Odd piece sizes, so pieces (and PostgreSQL's chunks) never line up with the ranges read.
    static let pieces = [1, 999, 4_097, 3, 4_900]

    @Test(arguments: BlobStoreKind.allCases)
    func aFileGrowsByAppendsAndBecomesWholeOnce(_ kind: BlobStoreKind) async throws {
        try await Teams.with(kind) { store, kabul, _ in
            let file = Bytes(10_000)
            #expect(try await store.blob(team: kabul, digest: file.digest) == nil)
            #expect(try await store.beginBlob(team: kabul, digest: file.digest, size: 10_000, at: 1_000)
                == BlobEntry(size: 10_000, received: 0, completedAt: nil))
            var end: Int64 = 0
            for length in Self.pieces {
                let next = try await store.appendBlob(team: kabul, digest: file.digest, at: end, bytes: file.buffer(end, length))
                #expect(next == end + Int64(length))
                end = next
                #expect(try await store.blob(team: kabul, digest: file.digest) == BlobEntry(size: 10_000, received: end, completedAt: nil))
            }
            #expect(try await store.completeBlob(team: kabul, digest: file.digest, at: 2_000) == 2_000)
            #expect(try await store.blob(team: kabul, digest: file.digest) == BlobEntry(size: 10_000, received: 10_000, completedAt: 2_000))
            #expect(try await store.completeBlob(team: kabul, digest: file.digest, at: 3_000) == 2_000, "the first time stays")
            #expect(try await read(store, kabul, file.digest, 0..<10_000) == file.bytes)
        }
    }

    @Test(arguments: BlobStoreKind.allCases)
    func readBlobReturnsAnySubRangeAcrossPieceBoundaries(_ kind: BlobStoreKind) async throws {
        try await Teams.with(kind) { store, kabul, _ in
            let file = Bytes(10_000)
            _ = try await store.beginBlob(team: kabul, digest: file.digest, size: 10_000, at: 1)
            var end: Int64 = 0
            for length in Self.pieces.dropLast() {
                end = try await store.appendBlob(team: kabul, digest: file.digest, at: end, bytes: file.buffer(end, length))
            }
            let ranges: [Range<Int64>] = [0..<1, 0..<1_000, 999..<1_001, 1_000..<5_097, 5_096..<5_100, 7..<5_100, 3..<3, 5_099..<5_100]
            for range in ranges {
                #expect(try await read(store, kabul, file.digest, range) == Array(file.bytes[Int(range.lowerBound)..<Int(range.upperBound)]),
                        "partial, \(range)")
            }
            await #expect(throws: BlobStoreError.missing, "past the bytes that arrived") { try await read(store, kabul, file.digest, 5_000..<5_101) }
            _ = try await store.appendBlob(team: kabul, digest: file.digest, at: end, bytes: file.buffer(end, 4_900))
            _ = try await store.completeBlob(team: kabul, digest: file.digest, at: 2)
            for range in ranges + [5_099..<10_000, 1..<9_999, 9_999..<10_000, 0..<10_000] {
                #expect(try await read(store, kabul, file.digest, range) == Array(file.bytes[Int(range.lowerBound)..<Int(range.upperBound)]),
                        "whole, \(range)")
            }
        }
    }

    @Test(arguments: BlobStoreKind.allCases)
    func anAppendPastTheStoredEndThrowsOffsetMovedAndKeepsTheBytes(_ kind: BlobStoreKind) async throws {
        try await Teams.with(kind) { store, kabul, _ in
            let file = Bytes(500)
            _ = try await store.beginBlob(team: kabul, digest: file.digest, size: 500, at: 1)
            #expect(try await store.appendBlob(team: kabul, digest: file.digest, at: 0, bytes: file.buffer(0, 100)) == 100)
            await #expect(throws: BlobStoreError.offsetMoved(received: 100)) {
                try await store.appendBlob(team: kabul, digest: file.digest, at: 150, bytes: file.buffer(150, 50))
            }
            #expect(try await store.blob(team: kabul, digest: file.digest)?.received == 100)
            #expect(try await read(store, kabul, file.digest, 0..<100) == Array(file.bytes[0..<100]))
            #expect(try await store.appendBlob(team: kabul, digest: file.digest, at: 100, bytes: file.buffer(100, 400)) == 500)
        }
    }

    @Test(arguments: BlobStoreKind.allCases)
    func anAppendBehindTheStoredEndThrowsOffsetMovedRatherThanCuttingBytes(_ kind: BlobStoreKind) async throws {
        try await Teams.with(kind) { store, kabul, _ in
            let file = Bytes(500), other = Bytes(500, seed: 9)
            _ = try await store.beginBlob(team: kabul, digest: file.digest, size: 500, at: 1)
            _ = try await store.appendBlob(team: kabul, digest: file.digest, at: 0, bytes: file.buffer(0, 300))
            // BlobStore: "Stores bytes at offset, which must be where the entry's received bytes end"; offsetMoved: "Bytes were
            // offered at an offset other than where the stored ones end".
            await #expect(throws: BlobStoreError.offsetMoved(received: 300)) {
                try await store.appendBlob(team: kabul, digest: file.digest, at: 100, bytes: other.buffer(100, 50))
            }
            #expect(try await store.blob(team: kabul, digest: file.digest)?.received == 300)
            #expect(try await read(store, kabul, file.digest, 0..<300) == Array(file.bytes[0..<300]), "the stored bytes are as they were")
        }
    }

    @Test(arguments: BlobStoreKind.allCases)
    func beginBlobRefusesAFileOverTheQuotaAndCountsPartialFilesAtFullSize(_ kind: BlobStoreKind) async throws {
        try await Teams.with(kind) { store, kabul, paris in
            try await store.setQuota(team: "kabul", bytes: 1_000)
            #expect(try await store.blobUsage(team: kabul) == BlobUsage(used: 0, quota: 1_000))
            let a = Bytes(600), b = Bytes(401, seed: 2), c = Bytes(400, seed: 3)
            _ = try await store.beginBlob(team: kabul, digest: a.digest, size: 600, at: 1)
            _ = try await store.appendBlob(team: kabul, digest: a.digest, at: 0, bytes: a.buffer(0, 10))
            #expect(try await store.blobUsage(team: kabul) == BlobUsage(used: 600, quota: 1_000), "a partial file counts at its full size")
            await #expect(throws: BlobStoreError.quotaExceeded(used: 600, quota: 1_000)) {
                try await store.beginBlob(team: kabul, digest: b.digest, size: 401, at: 2)
            }
            #expect(try await store.blob(team: kabul, digest: b.digest) == nil, "nothing of the refused file is kept")
            #expect(try await store.blobUsage(team: kabul) == BlobUsage(used: 600, quota: 1_000))
            #expect(try await store.beginBlob(team: kabul, digest: c.digest, size: 400, at: 3).size == 400, "up to the quota exactly")
            #expect(try await store.beginBlob(team: kabul, digest: a.digest, size: 600, at: 4).size == 600,
                    "beginning a file the team holds takes no more room")
            #expect(try await store.blobUsage(team: paris) == BlobUsage(used: 0, quota: nil), "the quota is kabul's only")
            _ = try await store.beginBlob(team: paris, digest: b.digest, size: 5_000, at: 5)
            try await store.setQuota(team: "kabul", bytes: nil)
            _ = try await store.beginBlob(team: kabul, digest: b.digest, size: 401, at: 6)
            #expect(try await store.blobUsage(team: kabul) == BlobUsage(used: 1_401, quota: nil), "a lifted quota refuses nothing")
        }
    }

    @Test(arguments: BlobStoreKind.allCases)
    func aReadOfManyPiecesGivesEveryByteOnceWhetherTheCallerKeepsThePiecesOrNot(_ kind: BlobStoreKind) async throws {
        try await Teams.with(kind) { store, kabul, _ in
            // Five pieces and a bit, so that a folder's read reuses the buffers of pieces it sent before.
            let file = Bytes(5 * 1_048_576 + 123, seed: 21), size = Int64(5 * 1_048_576 + 123)
            let digest = file.digest
            try await upload(file, to: store, team: kabul, pieces: Array(repeating: 1_048_576, count: 5) + [123])
            let whole = ByteBuffer(bytes: file.bytes)
            var copied = ByteBuffer()
            try await store.readBlob(team: kabul, digest: digest, range: 0..<size) { piece in
                var piece = piece
                copied.writeBuffer(&piece)
            }
            #expect(copied == whole)
            // A caller that keeps every piece (as a slow channel does) must find each one as it was given.
            var kept: [ByteBuffer] = []
            try await store.readBlob(team: kabul, digest: digest, range: 0..<size) { kept.append($0) }
            var joined = ByteBuffer()
            for var piece in kept { joined.writeBuffer(&piece) }
            #expect(kept.count >= 5 && joined == whole)
        }
    }

    @Test(arguments: BlobStoreKind.allCases)
    func beginBlobReturnsAnEntryThatExistsAsItIs(_ kind: BlobStoreKind) async throws {
        try await Teams.with(kind) { store, kabul, _ in
            let file = Bytes(300)
            _ = try await store.beginBlob(team: kabul, digest: file.digest, size: 300, at: 1)
            _ = try await store.appendBlob(team: kabul, digest: file.digest, at: 0, bytes: file.buffer(0, 120))
            #expect(try await store.beginBlob(team: kabul, digest: file.digest, size: 999, at: 2)
                == BlobEntry(size: 300, received: 120, completedAt: nil), "partial")
            _ = try await store.appendBlob(team: kabul, digest: file.digest, at: 120, bytes: file.buffer(120, 180))
            _ = try await store.completeBlob(team: kabul, digest: file.digest, at: 5)
            #expect(try await store.beginBlob(team: kabul, digest: file.digest, size: 300, at: 6)
                == BlobEntry(size: 300, received: 300, completedAt: 5), "whole")
        }
    }

    @Test(arguments: BlobStoreKind.allCases)
    func discardRemovesAPartialOrWholeFileAndLetsItStartAfresh(_ kind: BlobStoreKind) async throws {
        try await Teams.with(kind) { store, kabul, _ in
            let partial = Bytes(2_000), whole = Bytes(1_500, seed: 4)
            _ = try await store.beginBlob(team: kabul, digest: partial.digest, size: 2_000, at: 1)
            _ = try await store.appendBlob(team: kabul, digest: partial.digest, at: 0, bytes: partial.buffer(0, 777))
            _ = try await store.beginBlob(team: kabul, digest: whole.digest, size: 1_500, at: 1)
            _ = try await store.appendBlob(team: kabul, digest: whole.digest, at: 0, bytes: whole.buffer(0, 1_500))
            _ = try await store.completeBlob(team: kabul, digest: whole.digest, at: 2)
            for file in [partial, whole] {
                try await store.discardBlob(team: kabul, digest: file.digest)
                #expect(try await store.blob(team: kabul, digest: file.digest) == nil)
                await #expect(throws: BlobStoreError.missing) { try await read(store, kabul, file.digest, 0..<1) }
            }
            #expect(try await store.blobUsage(team: kabul).used == 0)
            try await store.discardBlob(team: kabul, digest: Bytes(1, seed: 8).digest)

            #expect(try await store.beginBlob(team: kabul, digest: partial.digest, size: 2_000, at: 3).received == 0)
            #expect(try await store.blob(team: kabul, digest: partial.digest)?.received == 0, "no byte of the discarded upload is left")
            #expect(try await store.appendBlob(team: kabul, digest: partial.digest, at: 0, bytes: partial.buffer(0, 2_000)) == 2_000)
            #expect(try await read(store, kabul, partial.digest, 0..<2_000) == partial.bytes)
        }
    }

    @Test(arguments: BlobStoreKind.allCases)
    func oneTeamsFileIsNothingToAnother(_ kind: BlobStoreKind) async throws {
        try await Teams.with(kind) { store, kabul, paris in
            let file = Bytes(1_000)
            _ = try await store.beginBlob(team: kabul, digest: file.digest, size: 1_000, at: 1)
            _ = try await store.appendBlob(team: kabul, digest: file.digest, at: 0, bytes: file.buffer(0, 1_000))
            _ = try await store.completeBlob(team: kabul, digest: file.digest, at: 2)
            #expect(try await store.blob(team: paris, digest: file.digest) == nil)
            await #expect(throws: BlobStoreError.missing) { try await read(store, paris, file.digest, 0..<10) }
            #expect(try await store.blobUsage(team: paris).used == 0)

            #expect(try await store.beginBlob(team: paris, digest: file.digest, size: 1_000, at: 3)
                == BlobEntry(size: 1_000, received: 0, completedAt: nil), "paris starts its own copy")
            await #expect(throws: BlobStoreError.offsetMoved(received: 0)) {
                try await store.appendBlob(team: paris, digest: file.digest, at: 1_000, bytes: file.buffer(0, 1))
            }
            #expect(try await store.appendBlob(team: paris, digest: file.digest, at: 0, bytes: file.buffer(0, 400)) == 400)
            try await store.discardBlob(team: paris, digest: file.digest)
            #expect(try await store.blob(team: kabul, digest: file.digest) == BlobEntry(size: 1_000, received: 1_000, completedAt: 2))
            #expect(try await read(store, kabul, file.digest, 0..<1_000) == file.bytes, "discarding paris's copy leaves kabul's")
            #expect(try await store.blobUsage(team: kabul).used == 1_000)
        }
    }
}

/// The stores the contract holds for: both, and PostgreSQL keeping copies of whole files in a cache folder.
enum BlobStoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres, postgresWithCache
    /// The kind's name in test output.
    var testDescription: String { rawValue }
}

/// A fresh store with two teams, kabul and paris.
private enum Teams {
    /// Runs a body with the store and the two teams' ids.
    static func with(_ kind: BlobStoreKind, _ body: @Sendable @escaping (any SyncStore, Int64, Int64) async throws -> Void) async throws {
        let cache = try ScratchFolder("blob-cache")
        defer { withExtendedLifetime(cache) {} }
        let store: StoreKind = kind == .sqlite ? .sqlite : .postgres
        try await TestStores.withStore(store, blobCache: kind == .postgresWithCache ? cache.url.path : nil) { store in
            let kabul = try await store.addTeam(named: "kabul"), paris = try await store.addTeam(named: "paris")
            try await body(store, kabul.id, paris.id)
        }
    }
}

private typealias Bytes = SampleBytes
