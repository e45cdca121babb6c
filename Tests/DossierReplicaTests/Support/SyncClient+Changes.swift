import DossierCore
import DossierReplica

extension SyncClient {
    /// `POST /v1/changes` of typed changes, encoded canonically as a replica's outbox stores them.
    func push(_ changes: [Change]) throws -> PushReply {
        try push(bodies: changes.map(CanonicalJSON.text))
    }
}
