import DossierCore
import GRDB

/// Who and where a replica syncs as: learnt at `dossier init`, kept in the replica's `settings` table.
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

    /// Creates settings.
    public init(replica: ReplicaID, author: String, team: String, role: Role, name: String, serverURL: String, token: String,
                proxy: String? = nil, pin: String? = nil) {
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

    static func load(_ db: Database) throws -> ReplicaSettings? {
        let values = try SettingsTable.all(db)
        guard let replica = values["replica"].flatMap(ReplicaID.init), let author = values["author"],
              let role = values["role"].flatMap(Role.init(rawValue:)), let url = values["server_url"], let token = values["token"]
        else { return nil }
        return ReplicaSettings(replica: replica, author: author, team: values["team"] ?? "", role: role, name: values["name"] ?? "",
                               serverURL: url, token: token, proxy: values["proxy"], pin: values["pin"])
    }

    func save(_ db: Database) throws {
        let values: [String: String?] = [
            "replica": replica.rawValue, "author": author, "team": team, "role": role.rawValue, "name": name,
            "server_url": serverURL, "token": token, "proxy": proxy, "pin": pin,
        ]
        for (key, value) in values {
            if let value { try SettingsTable.set(key, value, db) } else { try SettingsTable.remove(key, db) }
        }
    }
}

/// The `settings` key/value table.
enum SettingsTable {
    static func all(_ db: Database) throws -> [String: String] {
        var values: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM settings") { values[row["key"]] = row["value"] }
        return values
    }

    static func get(_ key: String, _ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [key])
    }

    static func set(_ key: String, _ value: String, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [key, value])
    }

    static func remove(_ key: String, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM settings WHERE key = ?", arguments: [key])
    }
}
