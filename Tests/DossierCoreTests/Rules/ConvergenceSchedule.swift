import Foundation
@testable import DossierCore

/// A simulated "now" shared by the replicas of one schedule; each replica reads it through its own skew.
final class SimulatedTime: @unchecked Sendable {
    private let lock = NSLock()
    private var now: Int64 = 1_661_500_000_000

    /// Moves time on (0 keeps every unskewed replica on the same millisecond; a negative step is an NTP correction).
    func advance(by milliseconds: Int64) { lock.withLock { now += milliseconds } }

    /// The wall clock of a replica whose clock is off by `skew` milliseconds.
    func wall(skew: Int64) -> WallClock { { [self] in lock.withLock { now } + skew } }
}

/// One replica of a schedule: its change maker, its merged state, and every distinct change it holds.
struct ScheduleReplica {
    /// Stamps this replica's edits.
    var maker: ChangeMaker
    /// The merged state.
    private(set) var dataset = Dataset()
    /// Every distinct change held, local or received, in arrival order (what it relays to others).
    private(set) var log: [Change] = []
    private var held: Set<ChangeID> = []

    /// A replica with its own author and wall clock.
    init(author: String, replica: String, wall: @escaping WallClock) {
        maker = ChangeMaker(author: author, clock: HybridLogicalClock(replica: ReplicaID(replica)!, wall: wall))
    }

    /// Makes (validating), applies and logs a local edit.
    mutating func make(_ operation: ChangeOperation, on key: RecordKey) throws -> Change {
        let change = try maker.make(operation, on: key)
        deliver(change)
        return change
    }

    /// True when the replica already holds the change.
    func holds(_ id: ChangeID) -> Bool { held.contains(id) }

    /// Merges a change, a duplicate included (merging must be idempotent); logs it once.
    mutating func deliver(_ change: Change) {
        dataset.apply(change)
        maker.observe(change)
        if held.insert(change.id).inserted { log.append(change) }
    }
}

/// One random schedule: 3–5 replicas with skewed and tied clocks edit a small shared pool of records with
/// every kind of operation, and deliver random, shuffled, duplicated batches of what they hold to each other.
struct ConvergenceSchedule {
    /// The replicas, in id order.
    private(set) var replicas: [ScheduleReplica] = []
    /// Local edits attempted, and how many were refused (by `Edit` or by validation).
    private(set) var attempted = 0, refused = 0
    /// Changes made, by operation name.
    private(set) var made: [String: Int] = [:]
    /// The random source everything in the schedule draws from.
    var rng: SeededGenerator
    private let time = SimulatedTime()
    private let ids: [EntityKind: [String]]

    private enum Move { case create, setLWW, setContested, resolve, add, remove, claim, retract, mine, delete, restore }
    private static let entityWeights: [EntityKind] = [.incident, .incident, .incident, .quote, .quote, .source, .source, .actor, .annotation, .annotation, .evidence]
    private static let texts: [JSONValue] = ["Kabul airport", "Abbey Gate, Kabul airport", "IS-K claimed it", "Wassim Nasr", "en"]
    private static let tags = ["airport", "evacuation", "suicide", "verified"]

    /// A schedule replayable from its seed.
    init(seed: UInt64) {
        rng = SeededGenerator(seed: seed)
        var ids: [EntityKind: [String]] = [:]
        let incidents = Int.random(in: 1...2, using: &rng)  // one record of each kind, sometimes two incidents
        for (k, kind) in EntityKind.allCases.enumerated() {
            ids[kind] = (0..<(kind == .incident ? incidents : 1)).map { n in
                let hex = String(0xE00 + k * 16 + n, radix: 16)
                return "01912d6e-0000-7000-8000-" + String(repeating: "0", count: 12 - hex.count) + hex
            }
        }
        self.ids = ids
        let day: Int64 = 86_400_000
        var skews: [Int64] = [0, 0]  // two replicas read the same wall clock: their edits tie on the millisecond
        for _ in 2..<Int.random(in: 3...5, using: &rng) { skews.append([0, 3, -5, 2 * day, -3 * day].randomElement(using: &rng)!) }
        skews.shuffle(using: &rng)
        for (i, skew) in skews.enumerated() {  // three authors over 3–5 replicas: one user on two laptops happens often
            let author = ["alice", "bob", "carol"].randomElement(using: &rng)!
            replicas.append(ScheduleReplica(author: author, replica: "r\(i + 1)", wall: time.wall(skew: skew)))
        }
    }

    /// The random phase: `edits` local edits, interleaved with partial deliveries between replicas.
    mutating func runRandomPhase(edits: Int) throws {
        var done = 0
        while done < edits {
            time.advance(by: [0, 0, 0, 1, 2, 9, -2].randomElement(using: &rng)!)
            if Int.random(in: 0..<100, using: &rng) < 65 {
                try randomEdit()
                done += 1
            } else {
                randomDelivery()
            }
        }
    }

    /// The full exchange: every replica receives every change (those it holds too), shuffled and with
    /// duplicates; returns every change, in id order.
    mutating func exchangeEverything() -> [Change] {
        var all: [ChangeID: Change] = [:]
        for replica in replicas { for change in replica.log { all[change.id] = change } }
        let everything = all.values.sorted { $0.id < $1.id }
        for i in replicas.indices {
            for change in shuffledWithDuplicates(everything) { replicas[i].deliver(change) }
        }
        return everything
    }

    private mutating func randomDelivery() {
        let to = Int.random(in: replicas.indices, using: &rng)
        var from = Int.random(in: 0..<replicas.count - 1, using: &rng)
        if from >= to { from += 1 }
        let keep = Double.random(in: 0.1...1, using: &rng)
        var batch: [Change] = []
        for change in replicas[from].log {  // a random part of what it lacks, and now and then one it already has
            if Double.random(in: 0..<1, using: &rng) < (replicas[to].holds(change.id) ? 0.1 : keep) { batch.append(change) }
        }
        for change in shuffledWithDuplicates(batch) { replicas[to].deliver(change) }
    }

    private mutating func shuffledWithDuplicates(_ changes: [Change]) -> [Change] {
        guard !changes.isEmpty else { return [] }
        var out = changes
        for _ in 0..<Int.random(in: 0...max(1, changes.count / 4), using: &rng) { out.append(changes.randomElement(using: &rng)!) }
        out.shuffle(using: &rng)
        return out
    }

    private mutating func randomEdit() throws {
        let r = Int.random(in: replicas.indices, using: &rng)
        let known = replicas[r].dataset.records.keys.sorted()
        let key: RecordKey
        if !known.isEmpty, Int.random(in: 0..<6, using: &rng) > 0 {  // mostly a record this replica has heard of
            key = known.randomElement(using: &rng)!
        } else {
            let entity = Self.entityWeights.randomElement(using: &rng)!
            key = RecordKey(entity: entity, id: ids[entity]!.randomElement(using: &rng)!)
        }
        attempted += 1
        do {
            let operation = try randomOperation(on: replicas[r].dataset[key] ?? RecordState(key: key))
            let change = try replicas[r].make(operation, on: key)
            made[change.operation.name, default: 0] += 1
        } catch is Edit.Refusal {
            refused += 1
        } catch is ValidationError {
            refused += 1
        }
    }

    /// An operation built from the replica's own view of the record, so its `supersedes` are honest.
    private mutating func randomOperation(on state: RecordState) throws -> ChangeOperation {
        let specs = FieldRules.fields(of: state.key.entity)
        if state.creation == nil, Bool.random(using: &rng) { return .create(fields: randomFields(state.key.entity)) }
        let conflicted = specs.filter { spec in
            if case .contested(let register)? = state.fields[spec.name] { return register.isConflicted }
            return false
        }
        let filledSets = specs.filter { spec in
            if case .set(let set)? = state.fields[spec.name] { return !set.elements.isEmpty }
            return false
        }
        let claims: ClaimSet? = if case .claims(let claims)? = state.fields["casualties"] { claims } else { nil }
        var menu: [Move] = [.setLWW, .setLWW, .add, .add, .delete]
        if specs.contains(where: { $0.merge == .contested }) { menu += [.setContested, .setContested, .setContested] }
        if !conflicted.isEmpty { menu += [.resolve, .resolve, .resolve] }
        if !filledSets.isEmpty { menu += [.remove, .remove] }
        if state.key.entity == .incident { menu += [.claim, .claim] }
        if !(claims?.sortedEntries.isEmpty ?? true) { menu += [.retract, .retract] }
        if specs.contains(where: { $0.merge == .perAuthor }) { menu += [.mine, .mine] }
        if !state.liveDeletions.isEmpty { menu += Array(repeating: .restore, count: state.isDeleted ? 8 : 3) }
        if state.creation != nil, Int.random(in: 0..<40, using: &rng) == 0 { menu = [.create] }  // a re-creation
        let blind = Int.random(in: 0..<5, using: &rng) == 0  // a set naming nothing it had seen
        let move = menu.randomElement(using: &rng)!
        switch move {
        case .create:
            return .create(fields: randomFields(state.key.entity))
        case .setLWW, .setContested:
            let spec = specs.filter { $0.merge == (move == .setLWW ? .lww : .contested) }.randomElement(using: &rng)!
            let value = Int.random(in: 0..<8, using: &rng) == 0 && !spec.required ? .null : randomValue(spec)
            return blind ? .set(field: spec.name, value: value, supersedes: []) : try Edit.set(spec.name, to: value, in: state)
        case .resolve:
            let spec = conflicted.randomElement(using: &rng)!
            guard case .contested(let register)? = state.fields[spec.name] else { fatalError("not contested") }
            let value = Bool.random(using: &rng) ? register.sortedCandidates.randomElement(using: &rng)!.value : randomValue(spec)
            return try Edit.resolve(spec.name, to: value, in: state)
        case .add:
            let spec = specs.filter { $0.merge == .set }.randomElement(using: &rng)!
            return try Edit.add(randomElement(spec), to: spec.name, in: state)
        case .remove:
            let spec = filledSets.randomElement(using: &rng)!
            guard case .set(let set)? = state.fields[spec.name] else { fatalError("not a set") }
            return try Edit.remove(set.elements.randomElement(using: &rng)!, from: spec.name, in: state)
        case .claim:
            return .addClaim(field: "casualties", claim: randomClaim())
        case .retract:
            let entry = claims!.sortedEntries.randomElement(using: &rng)!
            return .retractClaim(field: "casualties", claim: entry.id, retracted: !claims!.isRetracted(entry.id) || Bool.random(using: &rng))
        case .mine:
            let spec = specs.first { $0.merge == .perAuthor }!
            return .setMine(field: spec.name, value: Int.random(in: 0..<5, using: &rng) == 0 ? .null : randomValue(spec))
        case .delete:
            return try Edit.delete(state)
        case .restore:
            return try Edit.restore(state)
        }
    }

    private mutating func randomFields(_ entity: EntityKind) -> [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        for spec in FieldRules.fields(of: entity) where spec.merge != .claims {
            guard (spec.required && spec.defaultValue == nil) || Int.random(in: 0..<10, using: &rng) < 4 else { continue }
            if spec.merge == .set {
                var elements: [JSONValue] = []
                for _ in 0..<Int.random(in: 1...2, using: &rng) { elements.append(.string(randomElement(spec))) }
                fields[spec.name] = .array(elements)
            } else {
                fields[spec.name] = randomValue(spec)
            }
        }
        if entity == .incident {  // at creation a sub-event type must belong to its event type
            let acled = Vocabulary.acled.randomElement(using: &rng)!
            fields["event_type"] = .string(acled.eventType)
            if fields["sub_event_type"] != nil { fields["sub_event_type"] = .string(acled.subTypes.randomElement(using: &rng)!) }
        }
        return fields
    }

    private mutating func randomValue(_ spec: FieldSpec) -> JSONValue {
        switch spec.type {
        case .text: Self.texts.randomElement(using: &rng)!
        case .choice(let words): .string(words.randomElement(using: &rng)!)
        case .partialDate: .string(["2021", "2021-08", "2021-08-26", "2022-08-05"].randomElement(using: &rng)!)
        case .country: .string(["AF", "PK", "IR"].randomElement(using: &rng)!)
        case .bool: .bool(Bool.random(using: &rng))
        case .reference(let kinds): .string(randomID(kinds))
        case .location: .object(["lat": .double([34.5, 34.56, -12.25].randomElement(using: &rng)!),
                                 "lon": .double([69.2, 69.21, -0.5].randomElement(using: &rng)!)])
        case .assessment:
            .object(["grade": .string(Vocabulary.grades.randomElement(using: &rng)!),
                     "rationale": Bool.random(using: &rng) ? .null : Self.texts.randomElement(using: &rng)!])
        case .actorRole, .casualtyClaim: .string(randomElement(spec))
        case .sha256: .string(["a", "b", "c"].randomElement(using: &rng)!.padding(toLength: 64, withPad: "0", startingAt: 0))
        case .byteCount: .double(Double(Int.random(in: 0...1_000_000, using: &rng)))
        case .moment: .string(["2021-08-26", "2021-08-26T17:48:00Z", "2021-08-26T22:18:00+04:30"].randomElement(using: &rng)!)
        }
    }

    private mutating func randomElement(_ spec: FieldSpec) -> String {
        switch spec.type {
        case .reference(let kinds): randomID(kinds)
        case .actorRole: randomID([.actor]) + ":" + Vocabulary.actorRoles.randomElement(using: &rng)!
        default: Self.tags.randomElement(using: &rng)!
        }
    }

    private mutating func randomID(_ kinds: [EntityKind]) -> String {
        ids[kinds.randomElement(using: &rng)!]!.randomElement(using: &rng)!
    }

    private mutating func randomClaim() -> CasualtyClaim {
        let qualifier = Vocabulary.qualifiers.randomElement(using: &rng)!
        let low = Int64.random(in: 0...200, using: &rng)
        return CasualtyClaim(kind: Vocabulary.casualtyKinds.randomElement(using: &rng)!, low: low,
                             high: qualifier == "exact" ? low : low + Int64.random(in: 0...30, using: &rng), qualifier: qualifier,
                             source: randomID([.source]), note: Bool.random(using: &rng) ? nil : "according to the Taliban")
    }
}
