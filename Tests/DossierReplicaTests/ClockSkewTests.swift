import DossierCore
@testable import DossierReplica
import DossierTestSupport
import Foundation
import Testing

/// SPEC §2, Clocks: a laptop whose clock is days off neither wins every later conflict nor is locked out.
@Suite struct ClockSkewTests {
    static let threeDays: Int64 = 3 * 86_400_000

    @Test func aLaptopThreeDaysAheadIsNotLockedOutAndDoesNotWinLaterConflicts() async throws {
        try await TeamServer.with(users: [("amina", "editor"), ("omar", "viewer")]) { server in
            try await offPool {
                let folder = try ScratchFolder("clock-skew")
                let options = TransportOptions(baseURL: server.url, token: server.tokens["amina"]!, retries: 0)
                let skew = SkewableClock()
                let (ahead, _) = try ReplicaSetup.initialise(path: folder.file("ahead.sqlite").path, options: options,
                                                             name: "ahead", wall: { skew.now() })
                let (onTime, _) = try ReplicaSetup.initialise(path: folder.file("ontime.sqlite").path, options: options,
                                                              name: "on time")
                func sync(_ replica: Replica) throws -> SyncSummary {
                    try Synchronizer(replica: replica, client: SyncClient(options: options)).run()
                }
                let incident = try onTime.create(.incident, fields: ReplicaTests.incident)
                _ = try sync(onTime)
                _ = try sync(ahead)

                // Its clock jumps three days ahead; it edits first, and its change is stamped in the future.
                skew.offset = Self.threeDays
                let early = try ahead.edit(incident.key) { try Edit.set("admin1", to: "Kabul (from the laptop ahead)", in: $0) }
                #expect(early.version.millis > systemWallClock() + Self.threeDays - 60_000)
                Thread.sleep(forTimeInterval: 0.01)
                // Later in real time, not having seen it, the other laptop edits the same field.
                _ = try onTime.edit(incident.key) { try Edit.set("admin1", to: "Kabul (later, on time)", in: $0) }

                let first = try sync(ahead)
                #expect(first.rejected.isEmpty, "locked out: \(first.rejected)")
                #expect(first.restamped == 1 && first.pushed == 1)
                #expect(try ahead.status().pending == 0)
                _ = try sync(onTime)
                _ = try sync(ahead)
                for replica in [ahead, onTime] {
                    #expect(try replica.record(incident.key)?.fields["admin1"]?.currentValue == "Kabul (later, on time)")
                }
                let (a, b) = (try ahead.export(), try onTime.export())
                #expect(a == b, "ahead: \(String(decoding: a, as: UTF8.self).prefix(3000))\n on time: \(String(decoding: b, as: UTF8.self).prefix(3000))")

                // Its next edits are stamped with the server's time, not three days ahead.
                let next = try ahead.edit(incident.key) { try Edit.set("summary", to: "corrected clock", in: $0) }
                #expect(abs(next.version.millis - systemWallClock()) < 60_000)
            }
        }
    }
}

extension Replica {
    /// The canonical export.
    func export() throws -> Data { CanonicalExport(try dataset()).data }
}

/// A wall clock that can be set ahead.
final class SkewableClock: @unchecked Sendable {
    private let lock = NSLock()
    private var _offset: Int64 = 0
    /// How far ahead it runs, in ms.
    var offset: Int64 {
        get { lock.withLock { _offset } }
        set { lock.withLock { _offset = newValue } }
    }
    /// The skewed time.
    func now() -> Int64 { systemWallClock() + offset }
}
