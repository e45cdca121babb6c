import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// Seeds that are printed, so a failing run can be replayed, and record ids drawn from the seeded bits.
extension SeededGenerator {
    /// The seed in `$DOSSIER_CRASH_SEED` (to replay a run), else a fresh one; printed either way with `label`.
    static func seed(for label: String) -> UInt64 {
        let seed = ProcessInfo.processInfo.environment["DOSSIER_CRASH_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64.max)
        print("\(label): seed \(seed) (replay with DOSSIER_CRASH_SEED=\(seed))")
        return seed
    }

    /// A lowercase UUID made of this generator's bits (version 4), for record ids that replay with the seed.
    mutating func uuid() -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &self) }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let cuts = [8, 12, 16, 20]
        var text = ""
        for (offset, character) in hex.enumerated() {
            if cuts.contains(offset) { text.append("-") }
            text.append(character)
        }
        return text
    }
}

/// The integer in the environment variable `name`, else `fallback`.
func environmentCount(_ name: String, default fallback: Int) -> Int {
    ProcessInfo.processInfo.environment[name].flatMap { Int($0) }.map { max(0, $0) } ?? fallback
}

extension Laptop {
    /// Imports `count` new incidents (ids from `rng`) with `dossier import`: `count` changes join the outbox at once.
    func importIncidents(_ count: Int, label: String, using rng: inout SeededGenerator) throws {
        let records: [[String: Any]] = (0..<count).map { index in
            ["entity": "incident", "id": rng.uuid(),
             "fields": ["title": "Attack \(index) of batch \(label)", "date": "2021-08-26", "place": "Kabul",
                        "event_type": "Explosions/Remote violence", "tags": ["batch-\(label)"]]]
        }
        let file = home.appendingPathComponent("import-\(label)-\(UUID().uuidString.prefix(8)).json")
        try JSONSerialization.data(withJSONObject: ["records": records]).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try ok("import", file.path)
    }

    /// The ids of the changes waiting in the outbox, read from the replica file.
    func outboxIDs() throws -> [String] { try SQLiteFile.strings(replica.path, "SELECT change_id FROM outbox") }

    /// The ids of every change the replica knows, read from the replica file.
    func knownChangeIDs() throws -> [String] { try SQLiteFile.strings(replica.path, "SELECT change_id FROM changes") }
}

/// Every change the laptops made, noted from their outboxes before a sync could take it: what the server must hold.
final class ChangeLedger {
    /// The change ids noted so far.
    private(set) var made: Set<String> = []

    /// Notes the ids waiting in each laptop's outbox.
    func noteOutboxes(of laptops: [Laptop]) throws {
        for laptop in laptops { made.formUnion(try laptop.outboxIDs()) }
    }

    /// After faults and clean syncs: the server holds each noted change once and nothing else, outboxes are empty,
    /// and `laptops` export the same canonical JSON as `fresh`, a replica started afterwards (returned).
    @discardableResult
    func expectExactlyOnceAndConverged(server: TeamServer, laptops: [Laptop], fresh: Laptop,
                                       sourceLocation: SourceLocation = #_sourceLocation) throws -> Data {
        let counts = try server.logCounts()
        let onServer = try SQLiteFile.strings(server.storePath, "SELECT change_id FROM changes")
        let serverSet = Set(onServer)
        #expect(counts.total == counts.distinct, "the server's log holds a change id twice: \(counts)", sourceLocation: sourceLocation)
        #expect(counts.total == made.count,
                "the server holds \(counts.total) changes, the laptops made \(made.count)", sourceLocation: sourceLocation)
        let lost = made.subtracting(serverSet), extra = serverSet.subtracting(made)
        #expect(lost.isEmpty, "\(lost.count) change(s) never reached the server, e.g. \(lost.sorted().prefix(3))",
                sourceLocation: sourceLocation)
        #expect(extra.isEmpty, "\(extra.count) change(s) on the server no laptop made, e.g. \(extra.sorted().prefix(3))",
                sourceLocation: sourceLocation)
        let reference = try fresh.canonicalExport()
        for laptop in laptops {
            let name = laptop.replica.lastPathComponent
            #expect(try laptop.outboxIDs().isEmpty, "\(name)'s outbox is not empty", sourceLocation: sourceLocation)
            let unsent = Set(try laptop.knownChangeIDs()).subtracting(serverSet)
            #expect(unsent.isEmpty, "\(name) knows \(unsent.count) change(s) the server lacks", sourceLocation: sourceLocation)
            #expect(try laptop.canonicalExport() == reference,
                    "\(name)'s export differs from a fresh replica's", sourceLocation: sourceLocation)
        }
        return reference
    }
}

/// The number of live (not deleted) incidents in a canonical JSON export.
func liveIncidents(in export: Data) throws -> Int {
    let records = try JSONValue.parse(export, context: "export")["records"]?.array ?? []
    return records.filter { $0["entity"]?.string == "incident" && $0["deleted"]?.bool != true }.count
}
