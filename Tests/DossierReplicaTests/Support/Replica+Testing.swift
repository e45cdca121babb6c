import DossierCore
@testable import DossierReplica
import Foundation

extension Replica {
    /// Outbox changes after a position, at most `limit`, decoded, in the order they were made, with the last position read.
    func outbox(after position: Int64 = 0, limit: Int) throws -> (changes: [Change], last: Int64) {
        let batch = try outboxBodies(after: position, limit: limit)
        return (try batch.bodies.map { try JSONDecoder().decode(Change.self, from: Data($0.utf8)) }, batch.last)
    }
}
