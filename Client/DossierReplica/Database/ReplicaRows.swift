import Foundation
import GRDB

/// A row of `records`: one record's merged state.
struct ReplicaRecordRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "records"
    var entity: String
    var id: String
    /// The packed merged state (older rows: JSON); read it with `RecordState(packed:)`.
    var state: Data

    /// Column names for queries.
    enum Columns {
        static let entity = Column(CodingKeys.entity)
        static let id = Column(CodingKeys.id)
    }
}

/// A row of `changes`: every change this replica knows, local or pulled, for history.
struct ReplicaChangeRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "changes"
    var changeID: String
    var entity: String
    var record: String
    var version: String
    var body: String
    var local: Bool

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
struct OutboxRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "outbox"
    var position: Int64?
    var changeID: String
    var body: String

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
    static let databaseTableName = "rejections"
    var changeID: String
    var code: String
    var message: String
    var rejectedAt: Int64

    enum CodingKeys: String, CodingKey {
        case code, message
        case changeID = "change_id", rejectedAt = "rejected_at"
    }
}
