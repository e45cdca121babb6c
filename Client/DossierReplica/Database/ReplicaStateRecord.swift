import DossierCore
import DossierTrust
import Foundation
import GRDB

/// The replica's one row of state (`replica_state`, id 1): who and where it syncs as, and how far it has synced.
/// No row means the file was never initialised.
struct ReplicaStateRecord: Equatable, Sendable {
    /// Who and where the replica syncs as.
    var settings: ReplicaSettings
    /// The log position pulled up to.
    var cursor: Int64 = 0
    /// The latest version stamped here or received: local edits are stamped after it.
    var clock: HLC?
    /// The counter of the last change id made here.
    var lastCounter: UInt64 = 0
    /// The server's clock minus this laptop's, in ms, when it is off by more than the tolerance; else 0.
    var clockCorrection: Int64 = 0
    /// When the last sync finished (ms since 1970), if ever.
    var lastSync: Int64?
    /// The server's clock minus this laptop's, in ms, at the last sync.
    var clockOffset: Int64?
    /// The last checkpoint of the team log this replica verified (nil before the first sync, or for a replica made
    /// before checkpoints existed until its next sync).
    var checkpoint: Checkpoint?
    /// The hash of the last change made here, which the next one names as `prev` (nil before the first signed one).
    var chainHead: String?
    /// Whether the server has bound this replica's device key to its user.
    var deviceBound = false

    /// Column names for queries.
    enum Columns {
        static let id = Column("id")
        static let replica = Column("replica")
        static let author = Column("author")
        static let team = Column("team")
        static let role = Column("role")
        static let name = Column("name")
        static let serverURL = Column("server_url")
        static let token = Column("token")
        static let proxy = Column("proxy")
        static let pin = Column("pin")
        static let serverKey = Column("server_key")
        static let confirmed = Column("confirmed")
        static let cursor = Column("cursor")
        static let clock = Column("clock")
        static let lastCounter = Column("last_counter")
        static let clockCorrection = Column("clock_correction")
        static let lastSync = Column("last_sync")
        static let clockOffset = Column("clock_offset")
        static let checkpoint = Column("checkpoint")
        static let chainHead = Column("chain_head")
        static let deviceBound = Column("device_bound")
    }
}

extension ReplicaStateRecord: FetchableRecord, PersistableRecord {
    /// The table.
    static let databaseTableName = "replica_state"

    /// Reads the row; a replica id or role this version cannot read is reported as a damaged file.
    init(row: Row) throws {
        let replicaText: String = try row.decode(forColumn: Columns.replica)
        let roleText: String = try row.decode(forColumn: Columns.role)
        let clockText: String? = try row.decode(forColumn: Columns.clock)
        guard let replica = ReplicaID(replicaText), let role = Role(rawValue: roleText) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "replica_state holds an invalid replica id or role")
        }
        settings = ReplicaSettings(replica: replica, author: try row.decode(forColumn: Columns.author),
                                   team: try row.decode(forColumn: Columns.team), role: role,
                                   name: try row.decode(forColumn: Columns.name), serverURL: try row.decode(forColumn: Columns.serverURL),
                                   token: try row.decode(forColumn: Columns.token), proxy: try row.decode(forColumn: Columns.proxy),
                                   pin: try row.decode(forColumn: Columns.pin), serverKey: try row.decode(forColumn: Columns.serverKey),
                                   confirmed: try row.decode(forColumn: Columns.confirmed))
        cursor = try row.decode(forColumn: Columns.cursor)
        clock = clockText.flatMap(HLC.init)
        lastCounter = try row.decode(forColumn: Columns.lastCounter)
        clockCorrection = try row.decode(forColumn: Columns.clockCorrection)
        lastSync = try row.decode(forColumn: Columns.lastSync)
        clockOffset = try row.decode(forColumn: Columns.clockOffset)
        let checkpointText: String? = try row.decode(forColumn: Columns.checkpoint)
        checkpoint = try checkpointText.map { text in
            guard let checkpoint = try? JSONDecoder().decode(Checkpoint.self, from: Data(text.utf8)) else {
                throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "replica_state holds a checkpoint this version cannot read")
            }
            return checkpoint
        }
        chainHead = try row.decode(forColumn: Columns.chainHead)
        deviceBound = try row.decode(forColumn: Columns.deviceBound)
    }

    /// Writes the row, always as id 1.
    func encode(to container: inout PersistenceContainer) throws {
        container[Columns.id] = 1
        container[Columns.replica] = settings.replica.rawValue
        container[Columns.author] = settings.author
        container[Columns.team] = settings.team
        container[Columns.role] = settings.role.rawValue
        container[Columns.name] = settings.name
        container[Columns.serverURL] = settings.serverURL
        container[Columns.token] = settings.token
        container[Columns.proxy] = settings.proxy
        container[Columns.pin] = settings.pin
        container[Columns.serverKey] = settings.serverKey
        container[Columns.confirmed] = settings.confirmed
        container[Columns.cursor] = cursor
        container[Columns.clock] = clock?.description
        container[Columns.lastCounter] = lastCounter
        container[Columns.clockCorrection] = clockCorrection
        container[Columns.lastSync] = lastSync
        container[Columns.clockOffset] = clockOffset
        container[Columns.checkpoint] = checkpoint.map(CanonicalJSON.text)
        container[Columns.chainHead] = chainHead
        container[Columns.deviceBound] = deviceBound
    }
}
