import DossierCore
import Foundation
import GRDB

/// A row of `records`: one record's merged state.
struct ReplicaRecordRow: Codable, FetchableRecord, TableRecord {
    /// The table.
    static let databaseTableName = "records"
    /// The record's kind.
    var entity: String
    /// The record's id.
    var id: String
    /// The packed merged state; read it with `RecordState(packed:)`.
    var state: Data

    /// Column names for queries.
    enum Columns {
        static let entity = Column(CodingKeys.entity)
        static let id = Column(CodingKeys.id)
    }
}

/// A row of `changes`: every change this replica knows, local or pulled, for history.
struct ReplicaChangeRow: Codable, FetchableRecord, TableRecord {
    /// The table.
    static let databaseTableName = "changes"
    /// The change's id.
    var changeID: String
    /// The kind of record it changes.
    var entity: String
    /// The id of the record it changes.
    var record: String
    /// Its version, in the HLC text form (which sorts like the clock).
    var version: String
    /// Its canonical JSON.
    var body: String
    /// True when made on this replica.
    var local: Bool

    /// The column names.
    enum CodingKeys: String, CodingKey {
        case entity, record, version, body, local
        case changeID = "change_id"
    }

    /// Column names for queries.
    enum Columns {
        static let changeID = Column(CodingKeys.changeID)
        static let entity = Column(CodingKeys.entity)
        static let record = Column(CodingKeys.record)
        static let version = Column(CodingKeys.version)
    }
}

/// A row of `outbox`: a local change not yet stored by the server.
struct OutboxRow: Codable, FetchableRecord, TableRecord {
    /// The table.
    static let databaseTableName = "outbox"
    /// Its place in the order changes were made.
    var position: Int64
    /// The change's id.
    var changeID: String
    /// The change's canonical JSON, pushed as it is.
    var body: String

    /// The column names.
    enum CodingKeys: String, CodingKey {
        case position, body
        case changeID = "change_id"
    }

    /// Column names for queries.
    enum Columns {
        static let position = Column(CodingKeys.position)
        static let changeID = Column(CodingKeys.changeID)
    }
}

/// A row of `rejections`: why the server refused an outbox change.
struct RejectionRow: Codable, FetchableRecord, PersistableRecord {
    /// The table.
    static let databaseTableName = "rejections"
    /// The refused change's id.
    var changeID: String
    /// The server's rejection code.
    var code: String
    /// The server's message.
    var message: String
    /// When the refusal arrived (ms since 1970).
    var rejectedAt: Int64

    /// The column names.
    enum CodingKeys: String, CodingKey {
        case code, message
        case changeID = "change_id", rejectedAt = "rejected_at"
    }
}

/// The JSON coding of the change bodies the replica stores: canonical, as pushed and pulled.
enum ReplicaJSON {
    /// A change's canonical body.
    static func encode(_ change: Change) -> String { CanonicalJSON.text(change) }
    /// A stored body's change.
    static func decodeChange(_ text: String) throws -> Change { try JSONDecoder().decode(Change.self, from: Data(text.utf8)) }
}
