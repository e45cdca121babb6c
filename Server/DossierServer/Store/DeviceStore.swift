import DossierCore

/// Where the server keeps the teams' device keys (SPEC §8.2): each replica's public key bound to its user, and
/// revocations. `SyncStore` refines it; both stores implement it (`+Devices` files).
public protocol DeviceStore: Sendable {
    /// Binds `key` to the user's replica at `time` (ms), or returns the binding that exists for the same key and user;
    /// fails with `StoreError.exists` when the replica is bound to another key or user, or the key to another replica.
    func bindDevice(team: Int64, user: String, replica: String, key: String, at time: Int64) async throws -> DeviceRecord
    /// The team's devices, by user then replica; nil for every team's.
    func devices(team: Int64?) async throws -> [DeviceRecord]
    /// The team's devices among `replicas`, by replica id.
    func devices(team: Int64, replicas: Set<String>) async throws -> [String: DeviceRecord]
    /// Revokes the device whose replica id or public key is `device` at `time` (ms), after the team log's current last
    /// entry; fails with `StoreError.notFound` when no unrevoked device matches.
    func revokeDevice(_ device: String, at time: Int64) async throws -> DeviceRecord
    /// The stored bodies of the team's changes among `ids`, by id.
    func changeBodies(team: Int64, ids: [String]) async throws -> [String: String]
}

/// A device key as stored.
public struct DeviceRecord: Sendable, Equatable, Codable {
    /// The team's name.
    public var team: String
    /// The user it belongs to.
    public var user: String
    /// The replica id.
    public var replica: String
    /// The public key, `ed25519:BASE64`.
    public var key: String
    /// When it was bound (ms).
    public var boundAt: Int64
    /// When it was revoked (ms), if it was.
    public var revokedAt: Int64?
    /// The team log's last entry when it was revoked.
    public var revokedAfter: Int64?

    enum CodingKeys: String, CodingKey {
        case team, user, replica, key
        case boundAt = "bound_at", revokedAt = "revoked_at", revokedAfter = "revoked_after"
    }
}
