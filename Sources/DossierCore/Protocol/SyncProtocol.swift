/// The sync protocol's version and names shared by the server and the client (SPEC §3).
public enum SyncProtocol {
    /// The protocol version this build speaks; `/v1` in every path.
    public static let version = 1
    /// The header both sides send with the protocol version.
    public static let versionHeader = "Dossier-Protocol"
    /// The most changes one push may carry.
    public static let maxPushBatch = 5_000
    /// The largest page a pull may ask for.
    public static let maxPullLimit = 5_000
    /// The page size a pull gets when it names none.
    public static let defaultPullLimit = 1_000
    /// The media type of a snapshot page in the packed form (`Accept` it to bootstrap without JSON; see `SnapshotPage+Packed`).
    public static let packedMediaType = "application/vnd.dossier.packed"
}

/// A team member's role.
public enum Role: String, Codable, Sendable, CaseIterable {
    /// Manages users; pushes and pulls.
    case admin
    /// Pushes and pulls.
    case editor
    /// Pulls only.
    case viewer

    /// True when the role may push changes.
    public var canPush: Bool { self != .viewer }
}
