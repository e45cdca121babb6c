import Foundation
import Testing
@testable import DossierCore

/// Convergence (SPEC §2) as a property over thousands of random schedules (see `ConvergenceSchedule`):
/// replicas that have exchanged the same changes export the same bytes, whatever the order, batching and
/// duplication of delivery, and applying every change again changes nothing.
///
/// Replay: schedule `i` runs seed `base + i`, where `base` is `defaultBaseSeed` unless the environment variable
/// `DOSSIER_SEED` overrides it (decimal or 0x-hex). A failure names its seed; to replay exactly that schedule
/// first, run `DOSSIER_SEED=<seed> DOSSIER_SCHEDULES=1 swift test --filter Convergence`
/// (`DOSSIER_SCHEDULES` changes how many schedules run; the default is `defaultSchedules`).
@Suite struct ConvergencePropertyTests {
    /// The base seed of the default run.
    static let defaultBaseSeed: UInt64 = 0xD055_1E20_2608
    /// The number of schedules in the default run.
    static let defaultSchedules = 10_000
    /// Local edits per schedule: tuned so the default run stays well under a minute on two cores in a debug build.
    static let editsPerSchedule = 10...20

    /// Runs every schedule (in parallel shards), records each failing seed, and prints the totals.
    @Test func replicasThatExchangedTheSameChangesExportTheSameBytes() async throws {
        let environment = ProcessInfo.processInfo.environment
        let base = try environment["DOSSIER_SEED"].map { text in
            try #require(text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text), "DOSSIER_SEED=\(text) is not a number")
        } ?? Self.defaultBaseSeed
        let schedules = try environment["DOSSIER_SCHEDULES"].map { try #require(Int($0), "DOSSIER_SCHEDULES is not a number") }
            ?? Self.defaultSchedules
        let shards = 8  // run in parallel on the cooperative pool; each schedule is still replayed from its seed alone
        let total = await withTaskGroup(of: ConvergenceTally.self) { group in
            for shard in 0..<shards {
                group.addTask {
                    var tally = ConvergenceTally()
                    for i in stride(from: shard, to: schedules, by: shards) { tally.check(seed: base &+ UInt64(i)) }
                    return tally
                }
            }
            return await group.reduce(into: ConvergenceTally()) { $0.add($1) }
        }
        for failure in total.failures.sorted(by: { $0.seed < $1.seed }).prefix(5) {
            Issue.record(Comment(rawValue: failure.message))
        }
        #expect(total.schedules == schedules)
        if schedules >= 100 {  // the generator must exercise every operation, and most edits must go through
            #expect(Set(total.made.keys) == ["create", "set", "resolve", "add", "remove", "claim", "retract", "mine", "delete", "restore"])
            #expect(total.refused * 5 < total.attempted, "\(total.refused) of \(total.attempted) edits were refused")
        }
        let made = total.made.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print("Convergence: base seed \(base); \(total.attempted) edits tried, \(total.refused) refused; made: \(made)")
        if total.failures.isEmpty {
            print("Convergence: \(total.schedules) schedules, \(total.changes) changes, all converged")
        } else {
            let first = total.failures.map(\.seed).min()!
            print("Convergence: \(total.schedules) schedules, \(total.changes) changes, \(total.failures.count) diverged (first seed \(first))")
        }
    }
}

/// What a run of schedules found: counts, and each failing seed with what went wrong.
struct ConvergenceTally: Sendable {
    /// A schedule that broke the property.
    struct Failure: Sendable {
        /// The schedule's seed (replay it with `DOSSIER_SEED`).
        var seed: UInt64
        /// What went wrong, seed first.
        var message: String
    }

    /// Schedules run.
    var schedules = 0
    /// Distinct changes made over all schedules.
    var changes = 0
    /// Local edits attempted, and refused.
    var attempted = 0, refused = 0
    /// Changes made by operation name.
    var made: [String: Int] = [:]
    /// The schedules that broke the property.
    var failures: [Failure] = []

    /// Adds another tally's counts and failures.
    mutating func add(_ other: ConvergenceTally) {
        schedules += other.schedules
        changes += other.changes
        attempted += other.attempted
        refused += other.refused
        made.merge(other.made, uniquingKeysWith: +)
        failures += other.failures
    }

    /// Runs the schedule of one seed and checks convergence, idempotence and independence of order.
    mutating func check(seed: UInt64) {
        schedules += 1
        func fail(_ what: String) { failures.append(Failure(seed: seed, message: "diverged at seed \(seed) (DOSSIER_SEED=\(seed)): \(what)")) }
        var schedule = ConvergenceSchedule(seed: seed)
        do {
            try schedule.runRandomPhase(edits: Int.random(in: ConvergencePropertyTests.editsPerSchedule, using: &schedule.rng))
        } catch {
            return fail("unexpected error \(error)")
        }
        let everything = schedule.exchangeEverything()
        changes += everything.count
        attempted += schedule.attempted
        refused += schedule.refused
        made.merge(schedule.made, uniquingKeysWith: +)

        // Convergence: every replica holds every change, so every export is the same bytes.
        let exports = schedule.replicas.map { CanonicalExport($0.dataset) }
        let reference = exports[0].data
        for (i, export) in exports.enumerated().dropFirst() where export.data != reference {
            return fail("r1 and r\(i + 1) hold the same \(everything.count) changes but export differently; "
                + Self.firstDifference(exports[0], export))
        }
        // Idempotence: applying every change again to one replica, in yet another order, changes nothing.
        let i = Int.random(in: schedule.replicas.indices, using: &schedule.rng)
        var again = schedule.replicas[i].dataset
        again.apply(contentsOf: everything.shuffled(using: &schedule.rng))
        if again != schedule.replicas[i].dataset {
            return fail("re-applying every change changed r\(i + 1); " + Self.firstDifference(exports[i], CanonicalExport(again)))
        }
        // The same set applied once each, in id order, to an empty dataset gives the same state again.
        var fresh = Dataset()
        fresh.apply(contentsOf: everything)
        if fresh != schedule.replicas[0].dataset {
            return fail("applying every change once in id order differs from r1; " + Self.firstDifference(exports[0], CanonicalExport(fresh)))
        }
    }

    /// The first record two exports disagree on, as both canonical texts.
    static func firstDifference(_ a: CanonicalExport, _ b: CanonicalExport) -> String {
        for (x, y) in zip(a.records, b.records) {
            let (textX, textY) = (CanonicalJSON.encode(x), CanonicalJSON.encode(y))
            if textX != textY {
                return "first differing record \(x.entity.rawValue) \(x.id):\n  \(String(decoding: textX, as: UTF8.self))\n  \(String(decoding: textY, as: UTF8.self))"
            }
        }
        return "record counts \(a.records.count) and \(b.records.count)"
    }
}
