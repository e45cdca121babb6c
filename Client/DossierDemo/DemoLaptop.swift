import DossierCore
import DossierReplica
import Foundation

/// One researcher's laptop in the demo: a real replica file that syncs with the embedded server over libcurl.
struct DemoLaptop: Sendable {
    /// The researcher.
    let name: String
    /// The replica.
    let replica: Replica
    let options: TransportOptions

    /// Initialises a replica for a user, as `dossier init` does.
    static func make(name: String, folder: URL, server: String, token: String, clock: DemoClock) throws -> DemoLaptop {
        let options = TransportOptions(baseURL: server, token: token, retries: 2, backoff: 0.05)
        let path = folder.appendingPathComponent("\(name).sqlite").path
        let (replica, _) = try ReplicaSetup.initialise(path: path, options: options, name: "\(name)'s laptop", wall: { clock.now() })
        return DemoLaptop(name: name, replica: replica, options: options)
    }

    /// Pushes, then pulls.
    func sync() throws -> SyncSummary {
        try Synchronizer(replica: replica, client: SyncClient(options: options)).run()
    }

    /// Checks the whole team log from the server, as `dossier verify --full` does.
    func verify() throws -> AuditReport {
        try replica.audit(fullWith: SyncClient(options: options))
    }

    /// Downloads every evidence file this replica does not keep yet, each checked against its hash.
    func fetchFiles() throws -> FetchReport {
        let client = SyncClient(options: options)
        guard let blobs = client.blobs else { return FetchReport() }
        return try EvidenceTransfer(replica: replica, blobs: blobs).fetch(try replica.evidenceFiles(of: nil))
    }

    /// Edits a record; a refusal is returned as text instead of thrown.
    @discardableResult
    func edit(_ key: RecordKey, _ build: @escaping (RecordState) throws -> ChangeOperation) -> String? {
        do {
            try replica.edit(key, build)
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// The record's current value of a field.
    func value(_ key: RecordKey, _ field: String) throws -> JSONValue {
        try replica.record(key)?.fields[field]?.currentValue ?? .null
    }

    /// The canonical export.
    func export() throws -> Data { CanonicalExport(try replica.dataset()).data }
}
