import DossierCore
import Foundation

/// The Kinto peer's "incident" workload mapped onto Dossier: one `create` change per record, deterministic in (i, seed).
enum Workload {
    /// ISO codes for Kinto's 14 countries.
    static let countries = ["NG", "ML", "IQ", "SY", "AF", "SO", "YE", "CO", "PH", "IN", "PK", "LY", "NE", "KE"]
    /// Kinto's perpetrators (kept as tags).
    static let perpetrators = ["unknown", "group_a", "group_b", "group_c", "lone_actor", "militia_x", "faction_y"]
    /// Kinto's targets (kept as tags).
    static let targets = ["civilians", "police", "military", "government", "business", "transport", "religious_site", "school",
                          "infrastructure"]
    /// Kinto's tags.
    static let tags = ["urban", "rural", "night", "market", "border", "convoy", "checkpoint", "claimed", "unclaimed", "verified",
                       "disputed", "follow_up"]
    /// Kinto's words for the notes.
    static let words = ("report local sources witnesses said attackers arrived vehicles early morning "
        + "casualties were taken nearby hospital officials confirmed security forces "
        + "responded area remained tense several buildings damaged investigation ongoing "
        + "no group has claimed responsibility residents fled village road was closed").split(separator: " ").map(String.init)

    /// Record #i: its id (a UUIDv4 like Kinto's) and the fields of its `create`.
    static func record(_ i: Int, seed: UInt64 = 42) -> (id: String, fields: [String: JSONValue]) {
        var rng = SeededGenerator(seed: seed &* 1_000_003 &+ UInt64(i))
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let id = UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                             bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15])).uuidString.lowercased()
        let notesLength = Int.random(in: 105...245, using: &rng)
        var notes = ""
        while notes.count < notesLength { notes += (notes.isEmpty ? "" : " ") + words.randomElement(using: &rng)! }
        let year = Int.random(in: 1990...2024, using: &rng)
        let date = String(format: "%04d-%02d-%02d", year, Int.random(in: 1...12, using: &rng), Int.random(in: 1...28, using: &rng))
        let place = String(format: "Town-%04d", Int.random(in: 1...5000, using: &rng))
        let eventType = Vocabulary.eventTypes.randomElement(using: &rng)!
        var chosen = tags.shuffled(using: &rng).prefix(Int.random(in: 2...5, using: &rng)).map { JSONValue.string($0) }
        chosen.append(.string("perpetrator:" + perpetrators.randomElement(using: &rng)!))
        chosen.append(.string("target:" + targets.randomElement(using: &rng)!))
        let fields: [String: JSONValue] = [
            "title": .string("\(eventType) in \(place)"),
            "date": .string(date),
            "place": .string(place),
            "country": .string(countries.randomElement(using: &rng)!),
            "event_type": .string(eventType),
            "summary": .string(notes),
            "tags": .array(chosen),
        ]
        return (id, fields)
    }

    /// The key of record #i.
    static func key(_ i: Int, seed: UInt64 = 42) -> RecordKey { RecordKey(entity: .incident, id: record(i, seed: seed).id) }

    /// Creates for records `range`, stamped by a maker (for fixtures and concurrent clients that skip a replica file).
    static func creates(_ range: Range<Int>, maker: inout ChangeMaker, seed: UInt64 = 42) throws -> [Change] {
        try range.map { i in
            let record = record(i, seed: seed)
            return try maker.make(.create(fields: record.fields), on: RecordKey(entity: .incident, id: record.id))
        }
    }

    /// A fresh change maker for a user, on a random replica id.
    static func maker(author: String) -> ChangeMaker {
        var generator = SystemRandomNumberGenerator()
        return ChangeMaker(author: author, clock: HybridLogicalClock(replica: ReplicaID.random(using: &generator)))
    }
}

/// Small statistics helpers.
enum Stats {
    /// The median of samples.
    static func median(_ values: [Double]) -> Double { percentile(values, 50) }

    /// A nearest-rank percentile.
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    /// Seconds since an arbitrary start, monotonic.
    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// This process's peak resident set (VmHWM), in MB.
    static func peakRSS(pid: Int32 = getpid()) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Double($0) }.first
            return kb.map { $0 / 1024 }
        }
        return nil
    }

    /// Resets a process's peak RSS (Linux `clear_refs` 5), so a later VmHWM covers only what follows.
    static func resetPeakRSS(pid: Int32) {
        try? "5".write(toFile: "/proc/\(pid)/clear_refs", atomically: false, encoding: .utf8)
    }
}
