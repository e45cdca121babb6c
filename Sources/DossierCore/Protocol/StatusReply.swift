/// The answer to `GET /v1/status`: who the token belongs to and the server's clock.
public struct StatusReply: Codable, Sendable, Equatable {
    /// The server's wall clock in milliseconds since 1970, for the client's clock check.
    public var serverTime: Int64
    /// The protocol version the server speaks.
    public var protocolVersion: Int
    /// The user the token belongs to: the author every pushed change must carry.
    public var user: String
    /// The user's team.
    public var team: String
    /// The user's role.
    public var role: Role
    /// The team's latest log position.
    public var cursor: Int64
    /// The server's identity public key (`ed25519:BASE64`), which signed the replica's invitation.
    public var serverKey: String?
    /// The `Dossier-Checkpoint` header (the log's head), as a client read it (not part of the body).
    public var checkpoint: String?
    /// The `Dossier-Held-Checkpoint` header (at the size the client said it held), as a client read it.
    public var heldCheckpoint: String?

    enum CodingKeys: String, CodingKey {
        case user, team, role, cursor
        case serverTime = "server_time", protocolVersion = "protocol_version", serverKey = "server_key"
    }

    /// Creates a reply.
    public init(serverTime: Int64, protocolVersion: Int, user: String, team: String, role: Role, cursor: Int64, serverKey: String? = nil) {
        self.serverKey = serverKey
        self.serverTime = serverTime
        self.protocolVersion = protocolVersion
        self.user = user
        self.team = team
        self.role = role
        self.cursor = cursor
    }
}
