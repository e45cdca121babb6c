import DossierCore
import Foundation
import GRDB

extension Replica {
    /// How far off this laptop's clock may be before edits are stamped with the server's time instead.
    public static let clockTolerance: Int64 = 2 * 60 * 1000

    /// Remembers the server's clock: when this laptop's is off by more than the tolerance, later edits are
    /// stamped with the corrected time, so a wrong clock neither wins every conflict nor loses every one.
    public func adoptServerTime(_ serverTime: Int64) throws {
        let offset = serverTime - wall()
        try writer.write { db in
            try SettingsTable.set("clock_correction", String(abs(offset) > Self.clockTolerance ? offset : 0), db)
        }
    }

    /// Re-stamps outbox changes the server refused as stamped in its future (so no one has stored them),
    /// with the corrected clock, renaming every reference to their old versions, and re-merges their records.
    /// Returns how many were re-stamped.
    @discardableResult
    public func restamp(_ ids: Set<String>) throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try writer.write { db in
            guard let settings = try ReplicaSettings.load(db) else { throw ReplicaError.notInitialised(path: database.path) }
            // The version text sorts like the clock value, so SQL's MAX is the latest change kept.
            let latestKept = try String.fetchOne(db, ReplicaChangeRow.select(max(ReplicaChangeRow.Columns.version))
                .filter(!ids.contains(ReplicaChangeRow.Columns.changeID))).flatMap(HLC.init)
            // Each change keeps its place in time: its old stamp moved by the correction (so an edit made days
            // ago does not jump ahead of colleagues' edits made since), and after everything already stored.
            let correction = try SettingsTable.get("clock_correction", db).flatMap(Int64.init) ?? 0
            let stamp = StampBox()
            var clock = HybridLogicalClock(replica: settings.replica, wall: { stamp.millis }, after: latestKept)
            var map: [HLC: HLC] = [:]
            var touched = Set<RecordKey>()
            for row in try OutboxRow.order(OutboxRow.Columns.position).fetchAll(db) where ids.contains(row.changeID) {
                let old = try ReplicaJSON.decodeChange(row.body)
                stamp.millis = min(old.version.millis + correction, wall() + correction)
                let new = old.restamped(to: clock.tick(), renaming: map)
                map[old.version] = new.version
                let body = ReplicaJSON.encode(new)
                try db.execute(sql: "UPDATE outbox SET body = ? WHERE change_id = ?", arguments: [body, row.changeID])
                try db.execute(sql: "UPDATE changes SET body = ?, version = ? WHERE change_id = ?",
                               arguments: [body, new.version.description, row.changeID])
                try RejectionRow.deleteOne(db, key: row.changeID)
                touched.insert(new.key)
            }
            for key in touched { try Self.rebuild(key, db) }
            try SettingsTable.set("clock", clock.latest.description, db)
            return map.count
        }
    }

    /// The wall clock edits are stamped with: the laptop's, corrected by the server's offset when it is far off.
    static func correctedWall(_ wall: @escaping WallClock, _ db: Database) throws -> WallClock {
        let correction = try SettingsTable.get("clock_correction", db).flatMap(Int64.init) ?? 0
        if correction == 0 { return wall }
        let corrected: WallClock = { wall() + correction }
        return corrected
    }

    /// Recomputes a record's merged state from its snapshot base (if it came by bootstrap) and every change held for it.
    static func rebuild(_ key: RecordKey, _ db: Database) throws {
        let changes = try ReplicaChangeRow.filter(ReplicaChangeRow.Columns.entity == key.entity.rawValue
            && ReplicaChangeRow.Columns.record == key.id).fetchAll(db).map { try ReplicaJSON.decodeChange($0.body) }
        let base = try Data.fetchOne(db, sql: "SELECT state FROM bases WHERE entity = ? AND id = ?",
                                     arguments: [key.entity.rawValue, key.id])
        var state = try base.map { try RecordState(packed: Array($0)) } ?? RecordState(key: key)
        for change in changes { state = state.applying(change) }
        try save(state, db)
    }
}

/// The time the re-stamping clock reads: set before each tick.
private final class StampBox: @unchecked Sendable {
    var millis: Int64 = 0
}
