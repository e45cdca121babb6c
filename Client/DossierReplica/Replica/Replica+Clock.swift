import DossierCore

extension Replica {
    /// How far off this laptop's clock may be before edits are stamped with the server's time instead.
    public static let clockTolerance: Int64 = 2 * 60 * 1000

    /// Remembers the server's clock: when this laptop's is off by more than the tolerance, later edits are
    /// stamped with the corrected time, so a wrong clock neither wins every conflict nor loses every one.
    public func adoptServerTime(_ serverTime: Int64) throws {
        let offset = serverTime - wall()
        try database.write { store in
            try store.updateReplicaState { $0.clockCorrection = abs(offset) > Self.clockTolerance ? offset : 0 }
        }
    }

    /// Re-stamps outbox changes the server refused as stamped in its future (so no one has stored them),
    /// with the corrected clock, renaming every reference to their old versions, and re-merges their records.
    /// Returns how many were re-stamped.
    @discardableResult
    public func restamp(_ ids: Set<String>) throws -> Int {
        guard !ids.isEmpty else { return 0 }
        let deviceKey = try deviceKey()
        return try database.write { store in
            let state = try store.replicaState()
            let latestKept = try store.latestVersion(excluding: ids)
            // Each change keeps its place in time: its old stamp moved by the correction (so an edit made days
            // ago does not jump ahead of colleagues' edits made since), and after everything already stored.
            let correction = state.clockCorrection
            let stamp = StampBox()
            var clock = HybridLogicalClock(replica: state.settings.replica, wall: { stamp.millis }, after: latestKept)
            var map: [HLC: HLC] = [:]
            var touched = Set<RecordKey>()
            // A colleague's relayed change cannot be signed again here: it stays refused until its author re-stamps it.
            for old in try store.outboxChanges(ids) where old.id.replica == state.settings.replica {
                stamp.millis = min(old.version.millis + correction, wall() + correction)
                let new = old.restamped(to: clock.tick(), renaming: map)
                map[old.version] = new.version
                try store.replaceOutboxChange(with: new)
                touched.insert(new.key)
            }
            try Self.resign(from: ids, store, key: deviceKey)
            for key in touched { try Self.rebuild(key, store) }
            try store.updateReplicaState { $0.clock = clock.latest }
            return map.count
        }
    }

    /// The wall clock edits are stamped with: the laptop's, corrected by the server's offset when it is far off.
    static func correctedWall(_ wall: @escaping WallClock, _ correction: Int64) -> WallClock {
        if correction == 0 { return wall }
        let corrected: WallClock = { wall() + correction }
        return corrected
    }

    /// Recomputes a record's merged state from its snapshot base (if it came by bootstrap) and every change held for it.
    static func rebuild(_ key: RecordKey, _ store: ReplicaStore) throws {
        var state = try store.base(of: key) ?? RecordState(key: key)
        for change in try store.changes(of: key) { state = state.applying(change) }
        try store.save(state)
    }
}

/// The time the re-stamping clock reads: set before each tick.
private final class StampBox: @unchecked Sendable {
    var millis: Int64 = 0
}
