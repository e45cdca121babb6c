import DossierCore
import DossierTrust

extension SyncStore {
    /// Stores a batch of validated changes for a team, each exactly once, in log order: reads what the store
    /// holds, folds the batch onto it (`ChangeFold`), and commits the new rows and records together.
    public func push(_ batch: EncodedChanges, team: Int64, receivedAt: Int64) async throws -> [PushOutcome] {
        var attempt = 1
        while true {
            do {
                return try await withPushSteps { steps in try await Self.push(batch, team: team, receivedAt: receivedAt, on: steps) }
            } catch is PushConflict where attempt < Self.pushAttempts {
                attempt += 1
            }
        }
    }

    /// How often a push whose head moved under it is planned again.
    static var pushAttempts: Int { 8 }

    private static func push(_ batch: EncodedChanges, team: Int64, receivedAt: Int64, on steps: any PushSteps) async throws -> [PushOutcome] {
        let position = try await steps.head(team: team)
        let head = position.seq
        let stored = try await steps.storedBodies(ids: batch.changes.map(\.id.description), team: team)
        let current = try await steps.states(of: ChangeFold.keys(of: batch.changes), team: team)
        var fold = ChangeFold(current: current, storedBodies: stored)
        let outcomes = zip(batch.changes, batch.bodies).map { change, body -> PushOutcome in
            switch fold.fold(change, body: body) {
            case .applied(let index): .accepted(seq: head + Int64(index) + 1)
            case .alreadyHad: .alreadyHad
            case .idReused: .idReused
            }
        }
        let hashes = TeamLog.extend(position.hash, with: fold.applied.map(\.body))
        let rows = fold.applied.enumerated().map {
            PushWrites.Row(seq: head + Int64($0.offset) + 1, change: $0.element.change, body: $0.element.body, hash: hashes[$0.offset])
        }
        if !rows.isEmpty {
            try await steps.commit(PushWrites(base: head, rows: rows, records: fold.changed), team: team, receivedAt: receivedAt)
        }
        return outcomes
    }
}
