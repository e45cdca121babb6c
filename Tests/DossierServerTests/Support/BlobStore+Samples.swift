import DossierEvidence
@testable import DossierServer
import NIOCore

/// Uploads a file straight to a store in pieces of the given lengths, and completes it.
func upload(_ file: SampleBytes, to store: any SyncStore, team: Int64, pieces: [Int]) async throws {
    let digest = file.digest
    _ = try await store.beginBlob(team: team, digest: digest, size: Int64(file.bytes.count), at: 1)
    var end: Int64 = 0
    for length in pieces {
        end = try await store.appendBlob(team: team, digest: digest, at: end, bytes: file.buffer(end, length))
    }
    _ = try await store.completeBlob(team: team, digest: digest, at: 2)
}

/// The bytes a store gives for a range of a team's file.
func read(_ store: any SyncStore, _ team: Int64, _ digest: ContentDigest, _ range: Range<Int64>) async throws -> [UInt8] {
    var bytes: [UInt8] = []
    try await store.readBlob(team: team, digest: digest, range: range) { bytes += $0.readableBytesView }
    return bytes
}
