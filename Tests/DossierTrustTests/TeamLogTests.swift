import DossierCore
import DossierTrust
import Foundation
import Testing

/// The team log's hash chain and its signed checkpoints: any rewritten, dropped, inserted or reordered entry changes
/// the head, and a checkpoint verifies only with the server's key and only as the extension of what a replica held.
@Suite struct TeamLogTests {
    static let identity = ServerIdentity.generate()
    static let bodies = (1...6).map { #"{"id":"r1:\#($0)","title":"حمله \#($0)"}"# }

    static func checkpoint(_ bodies: [String], from held: Checkpoint? = nil) throws -> Checkpoint {
        let start = held?.head ?? TeamLog.emptyHead
        let head = TeamLog.extend(start, with: bodies).last ?? start
        return try Checkpoint(team: "kabul", size: (held?.size ?? 0) + Int64(bodies.count), head: head, signedAt: "2026-11-30T10:00:00Z")
            .signed(by: identity)
    }

    @Test func everyRewriteDropInsertOrReorderChangesTheHead() {
        let head = TeamLog.extend(TeamLog.emptyHead, with: Self.bodies).last
        var edited = Self.bodies
        edited[2] = edited[2].replacingOccurrences(of: "حمله", with: "حمل")
        var reordered = Self.bodies
        reordered.swapAt(1, 2)
        var dropped = Self.bodies
        dropped.remove(at: 3)
        var inserted = Self.bodies
        inserted.insert(#"{"id":"r9:1"}"#, at: 4)
        for variant in [edited, reordered, dropped, inserted] {
            #expect(TeamLog.extend(TeamLog.emptyHead, with: variant).last != head)
        }
        #expect(TeamLog.extend(TeamLog.emptyHead, with: Self.bodies).last == head, "the chain is deterministic")
    }

    @Test func aCheckpointVerifiesOnlyWithTheServersKeyAndUnaltered() throws {
        let signed = try Self.checkpoint(Self.bodies)
        #expect(signed.isSigned(by: Self.identity.publicKey))
        #expect(!signed.isSigned(by: ServerIdentity.generate().publicKey))
        var bigger = signed
        bigger.size += 1
        #expect(!bigger.isSigned(by: Self.identity.publicKey))
        let decoded = try JSONDecoder().decode(Checkpoint.self, from: CanonicalJSON.encode(signed))
        #expect(decoded == signed && decoded.isSigned(by: Self.identity.publicKey))
    }

    @Test func aNewCheckpointMustExtendTheHeldOneByExactlyThePulledEntries() throws {
        let held = try Self.checkpoint(Array(Self.bodies.prefix(3)))
        let page = Array(Self.bodies.suffix(3))
        let next = try Self.checkpoint(page, from: held)
        #expect(next.mismatch(extending: held, with: page) == nil)
        var rewritten = page
        rewritten[0] += " "
        #expect(next.mismatch(extending: held, with: rewritten) != nil, "a pulled entry that differs from what was signed")
        #expect(next.mismatch(extending: held, with: Array(page.dropLast())) != nil, "a dropped entry")
        let forkedHistory = try Self.checkpoint(Array(Self.bodies.prefix(2)) + [#"{"id":"x"}"#])
        let onFork = try Self.checkpoint(page, from: forkedHistory)
        #expect(onFork.mismatch(extending: held, with: page) != nil, "a log whose earlier entries changed")
    }
}
