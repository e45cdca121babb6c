import DossierCore

/// Checks each pushed change before anything is stored: readable, valid for the model, not stamped implausibly far in
/// the server's future, and signed by its author's device in its replica's chain (or, unsigned, written by the pushing
/// user from a replica that has no device key). Keeps the submitted order so
/// every change gets its receipt in place.
struct PushScreening {
    private enum Slot {
        case rejected(Receipt)
        case valid(index: Int, id: String)
    }

    private var slots: [Slot] = []
    /// The changes that passed with their bodies, in submitted order, for the store.
    let valid: EncodedChanges

    /// Screens a batch pushed by the member `pusher` at server time `now` (ms): `encoded` holds its readable changes in
    /// order, and `signatures` their devices, predecessors and verified signatures.
    init(submitted: [Submitted], encoded: EncodedChanges, pusher: String, signatures: PushSignatures, now: Int64, maxSkew: Int64) {
        var accepted: [String: String] = [:]
        var kept: [Int] = []
        var index = 0
        for element in submitted {
            switch element {
            case .malformed(let id, let reason):
                slots.append(.rejected(.rejected(id ?? "", code: .malformed, message: "the change could not be read: \(reason)")))
            case .change(let change):
                defer { index += 1 }
                if let receipt = Self.check(change, now: now, maxSkew: maxSkew)
                    ?? signatures.refusal(of: change, index: index, pusher: pusher, batchBodies: accepted) {
                    slots.append(.rejected(receipt))
                } else {
                    slots.append(.valid(index: kept.count, id: change.id.description))
                    kept.append(index)
                    accepted[change.id.description] = encoded.bodies[index]
                }
            }
        }
        valid = encoded.subset(kept)
    }

    private static func check(_ change: Change, now: Int64, maxSkew: Int64) -> Receipt? {
        let id = change.id.description
        guard change.version.millis <= now + maxSkew else {
            let hours = Double(change.version.millis - now) / 3_600_000
            return .rejected(id, code: .clockAhead,
                             message: "the change is stamped \(String(format: "%.1f", hours)) h ahead of the server's clock; fix the laptop's clock and sync again (pending changes are re-stamped)")
        }
        guard change.version.replica == change.id.replica else {
            return .rejected(id, code: .invalid, message: "version: must be stamped by the replica named in the change id")
        }
        do {
            try Validator.validate(change)
        } catch let error as ValidationError {
            return .rejected(id, code: .invalid, message: error.description)
        } catch {
            return .rejected(id, code: .invalid, message: "the change is not valid")
        }
        return nil
    }

    /// The receipts, given the store's outcome for each valid change.
    func receipts(storing outcomes: [PushOutcome]) -> [Receipt] {
        slots.map { slot in
            switch slot {
            case .rejected(let receipt): return receipt
            case .valid(let index, let id):
                switch outcomes[index] {
                case .accepted: return Receipt(id: id, status: .accepted)
                case .alreadyHad: return Receipt(id: id, status: .alreadyHad)
                case .idReused:
                    return .rejected(id, code: .idReused,
                                     message: "another change with this id and different content is already stored; the replica's counter was reused")
                }
            }
        }
    }
}
