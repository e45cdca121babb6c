import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// A replica stores a snapshot's states as they came, so each is unpacked once before any is stored.
@Suite struct SnapshotPageTests {
    @Test func aPageWithOneDamagedStateFailsItsCheckAndAWholePagePasses() throws {
        var amina = Researcher("amina", replica: "r1")
        _ = try amina.incidents(40)
        let states = amina.dataset.records.keys.sorted().map { amina.dataset.records[$0]!.packed() }
        try SnapshotPage(states: states, cursor: 40, nextAfter: nil).checkStates()
        for damage in [{ (s: [UInt8]) in Array(s.dropLast()) }, { $0 + [0] }, { [2] + $0.dropFirst() }] {
            // Each damage alone, on one state of forty.
            var broken = states
            broken[33] = damage(broken[33])
            let packed = SnapshotPage(states: broken, cursor: 40, nextAfter: nil).packed
            // The page reader checks each state's first byte; the rest is found by the check.
            #expect(throws: PackedError.self) { try SnapshotPage(packed: packed).checkStates() }
        }
    }
}
