import DossierCore

/// Checks each pushed change before anything is stored: readable, valid for the model, written by the
/// pushing user, and not stamped implausibly far in the server's future. Keeps the submitted order so
/// every change gets its receipt in place.
struct PushScreening {
    private enum Slot {
        case rejected(Receipt)
        case valid(index: Int, id: String)
    }

    private var slots: [Slot] = []
    /// The changes that passed, in submitted order, for the store.
    private(set) var valid: [Change] = []

    /// Screens a batch for a member at server time `now` (ms).
    init(submitted: [Submitted], author: String, now: Int64, maxSkew: Int64) {
        for element in submitted {
            switch element {
            case .malformed(let id, let reason):
                slots.append(.rejected(.rejected(id ?? "", code: .malformed, message: "the change could not be read: \(reason)")))
            case .change(let change):
                if let receipt = Self.check(change, author: author, now: now, maxSkew: maxSkew) {
                    slots.append(.rejected(receipt))
                } else {
                    slots.append(.valid(index: valid.count, id: change.id.description))
                    valid.append(change)
                }
            }
        }
    }

    private static func check(_ change: Change, author: String, now: Int64, maxSkew: Int64) -> Receipt? {
        let id = change.id.description
        guard change.author == author else {
            return .rejected(id, code: .authorMismatch,
                             message: "the change is signed by '\(change.author)' but the token belongs to '\(author)'; run 'dossier init' with your own token")
        }
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
