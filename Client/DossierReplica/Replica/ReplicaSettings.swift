import DossierCore

/// Who and where a replica syncs as: learnt at `dossier init`, kept in the replica's state row (`ReplicaStateRecord`).
public struct ReplicaSettings: Sendable, Equatable {
    /// This replica's id (in every change id it makes).
    public var replica: ReplicaID
    /// The user's name as the server knows it: the author of local changes.
    public var author: String
    /// The team's name.
    public var team: String
    /// The user's role.
    public var role: Role
    /// The laptop's name, for people.
    public var name: String
    /// The team server's base URL.
    public var serverURL: String
    /// The bearer token (the file is 0600).
    public var token: String
    /// A proxy such as `socks5h://127.0.0.1:9050`.
    public var proxy: String?
    /// The pinned server public key, `sha256//…`.
    public var pin: String?
    /// The server's identity key, `ed25519:BASE64`: from the invitation, else learnt at the first contact.
    public var serverKey: String?
    /// Whether the server has confirmed the account (false from `init --invite` or `login` until the next sync).
    public var confirmed: Bool

    /// Creates settings.
    public init(replica: ReplicaID, author: String, team: String, role: Role, name: String, serverURL: String, token: String,
                proxy: String? = nil, pin: String? = nil, serverKey: String? = nil, confirmed: Bool = true) {
        self.serverKey = serverKey
        self.confirmed = confirmed
        self.replica = replica
        self.author = author
        self.team = team
        self.role = role
        self.name = name
        self.serverURL = serverURL
        self.token = token
        self.proxy = proxy
        self.pin = pin
    }
}
