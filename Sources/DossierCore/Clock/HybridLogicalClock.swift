import Foundation

/// A source of wall-clock time in milliseconds; injected so tests and skewed laptops can be simulated.
public typealias WallClock = @Sendable () -> Int64

/// The system clock in milliseconds since 1970.
public let systemWallClock: WallClock = { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }

/// A hybrid logical clock (Kulkarni et al.): monotonic, close to wall time, and past every timestamp it has seen.
public struct HybridLogicalClock: Sendable {
    /// The replica whose events this clock stamps.
    public let replica: ReplicaID
    /// The latest timestamp issued or observed.
    public private(set) var latest: HLC
    private let wall: WallClock

    /// Creates a clock, optionally resuming after a timestamp it issued or observed before.
    public init(replica: ReplicaID, wall: @escaping WallClock = systemWallClock, after last: HLC? = nil) {
        self.replica = replica
        self.wall = wall
        self.latest = HLC(millis: last?.millis ?? 0, counter: last?.counter ?? 0, replica: replica)
    }

    /// Issues a timestamp for a local event, later than every one issued or observed before.
    public mutating func tick() -> HLC {
        let now = wall()
        if now > latest.millis {
            latest = HLC(millis: now, counter: 0, replica: replica)
        } else {
            latest = HLC(millis: latest.millis, counter: latest.counter + 1, replica: replica)
        }
        return latest
    }

    /// Takes in a timestamp received from another replica so later local events come after it.
    public mutating func observe(_ remote: HLC) {
        if remote.millis > latest.millis || (remote.millis == latest.millis && remote.counter > latest.counter) {
            latest = HLC(millis: remote.millis, counter: remote.counter, replica: replica)
        }
    }
}
