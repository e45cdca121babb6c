import DossierCore
import Foundation
import Testing

/// The stores keep merged records packed: packing must lose nothing and refuse damage and other forms.
@Suite struct PackedStateTests {
    /// States from random convergence schedules: every merge kind, deletions, restores, claims and per-author maps.
    static func states(schedules: Int, base: UInt64) throws -> [(seed: UInt64, state: RecordState)] {
        var states: [(UInt64, RecordState)] = []
        for i in 0..<UInt64(schedules) {
            var schedule = ConvergenceSchedule(seed: base &+ i)
            try schedule.runRandomPhase(edits: Int.random(in: 5...40, using: &schedule.rng))
            _ = schedule.exchangeEverything()
            states += schedule.replicas[0].dataset.records.values.map { (base &+ i, $0) }
        }
        return states
    }

    @Test func packingThenReadingGivesTheSameStateForEveryMergeKind() throws {
        let states = try Self.states(schedules: 400, base: 0x9AC4ED)
        var kinds = Set<String>()
        for (seed, state) in states {
            #expect(try RecordState(packed: state.packed()) == state, "seed \(seed): \(state.key)")
            for field in state.fields.values { kinds.insert("\(field)".prefix { $0 != "(" }.description) }
        }
        #expect(kinds == ["immutable", "lww", "contested", "set", "claims", "perAuthor"])
        #expect(states.contains { !$0.state.deletions.isEmpty } && states.contains { !$0.state.restored.isEmpty })
    }

    @Test func theJSONFormIsNotMistakenForThePackedOne() throws {
        for (seed, state) in try Self.states(schedules: 20, base: 0x15050) {
            #expect(throws: PackedError.self, "seed \(seed)") { try RecordState(packed: Array(CanonicalJSON.encode(state))) }
            #expect(try RecordState(json: state.json) == state, "seed \(seed)")
        }
    }

    @Test func everyTruncationOfAPackedStateIsRefusedWithoutACrash() throws {
        let bytes = try #require(try Self.states(schedules: 30, base: 7).map { $0.state.packed() }.max { $0.count < $1.count })
        for length in 1..<bytes.count {
            #expect(throws: (any Error).self) { try RecordState(packed: Array(bytes[..<length])) }
        }
        #expect(throws: (any Error).self) { try RecordState(packed: bytes + [0]) }
    }

    @Test func aDamagedPresenceFlagIsRefusedRatherThanReadAsAbsent() throws {
        let state = try #require(try Self.states(schedules: 30, base: 7).map(\.state).first { $0.creation != nil })
        var bytes = state.packed()
        // After the format byte and the key (two length-prefixed strings) comes the creation's presence flag.
        let flag = 1 + 1 + state.key.entity.rawValue.utf8.count + 1 + state.key.id.utf8.count
        #expect(bytes[flag] == 1)
        bytes[flag] = 7
        #expect(throws: PackedError.self) { try RecordState(packed: bytes) }
    }
}
