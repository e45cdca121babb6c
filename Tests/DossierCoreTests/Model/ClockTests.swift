import Foundation
import Testing
@testable import DossierCore

@Suite struct ClockTests {
    @Test func tickIsStrictlyMonotonicEvenWhenTheWallClockStandsStillOrGoesBack() {
        let readings = LockedReadings([1_000, 1_000, 999, 500, 1_001])
        var clock = HybridLogicalClock(replica: ReplicaID("r1")!, wall: { readings.next() })
        let stamps = (0..<5).map { _ in clock.tick() }
        #expect(stamps == stamps.sorted())
        #expect(Set(stamps).count == 5)
        #expect(stamps.map(\.millis) == [1_000, 1_000, 1_000, 1_000, 1_001])
        #expect(stamps.map(\.counter) == [0, 1, 2, 3, 0])
    }

    @Test func observingARemoteTimestampMovesLaterTicksPastIt() {
        var clock = HybridLogicalClock(replica: ReplicaID("r1")!, wall: { 1_000 })
        let remote = HLC(millis: 5_000, counter: 7, replica: ReplicaID("r2")!)
        clock.observe(remote)
        let next = clock.tick()
        #expect(next > remote)
        #expect(next.millis == 5_000 && next.counter == 8 && next.replica.rawValue == "r1")
    }

    @Test func orderIsMillisThenCounterThenReplica() {
        let a = HLC(millis: 1, counter: 9, replica: ReplicaID("zz")!)
        let b = HLC(millis: 2, counter: 0, replica: ReplicaID("aa")!)
        let c = HLC(millis: 2, counter: 0, replica: ReplicaID("ab")!)
        #expect(a < b && b < c)
    }

    @Test func textFormRoundTripsAndSortsLikeTheValue() throws {
        let stamps = [HLC(millis: 99, counter: 1, replica: ReplicaID("r2")!), HLC(millis: 1_661_500_000_000, counter: 12, replica: ReplicaID("r1")!),
                      HLC(millis: 1_661_500_000_000, counter: 3, replica: ReplicaID("r9")!)]
        for stamp in stamps { #expect(HLC(stamp.description) == stamp) }
        #expect(stamps.map(\.description).sorted() == stamps.sorted().map(\.description))
        let data = try JSONEncoder().encode([stamps[1]: "x"])
        #expect(String(decoding: data, as: UTF8.self) == #"{"001661500000000-000012-r1":"x"}"#)
        #expect(HLC("garbage") == nil && HLC("1-2-r1") == nil)
    }

    @Test func recordIDsAreLowercaseVersion7UUIDsThatSortByTime() {
        var random = SeededGenerator(seed: 7)
        let early = RecordID.make(millis: 1_661_500_000_000, using: &random)
        let late = RecordID.make(millis: 1_661_500_000_001, using: &random)
        #expect(RecordID.isValid(early) && RecordID.isValid(late))
        #expect(early < late)
        #expect(Array(early)[14] == "7")
        #expect(!RecordID.isValid(early.uppercased()))
    }

    @Test func changeIDsParseAsReplicaAndCounter() {
        #expect(ChangeID("laptop_1:42") == ChangeID(replica: ReplicaID("laptop_1")!, counter: 42))
        #expect(ChangeID("laptop-1:42") == nil)
        #expect(ChangeID("r1:0") == nil)
        #expect(ChangeID("r1") == nil)
    }
}

/// Wall-clock readings handed out in order, safe to capture in a `@Sendable` closure.
final class LockedReadings: @unchecked Sendable {
    private var values: [Int64]
    private let lock = NSLock()
    init(_ values: [Int64]) { self.values = values }
    func next() -> Int64 { lock.withLock { values.count > 1 ? values.removeFirst() : values[0] } }
}
