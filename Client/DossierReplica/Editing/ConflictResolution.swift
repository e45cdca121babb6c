import DossierCore

/// How a researcher settles an open conflict: keep one of the listed candidates, or write a new value.
public enum ConflictChoice: Hashable, Sendable {
    /// The candidate with this number, as `dossier conflicts` lists them (from 1).
    case pick(Int)
    /// A new value as typed (`LAT,LON` for a location; `deleted` or `edited` for a deletion conflict).
    case value(String)
}

/// What resolving a conflict writes.
public enum ConflictResolution {
    /// The side of a deletion conflict that deletes the record.
    public static let deletedSide: JSONValue = "deleted"
    /// The side of a deletion conflict that keeps the record.
    public static let editedSide: JSONValue = "edited"

    /// The operation settling `field`'s conflict: a delete (side `deleted`), a restore (side `edited`), or a resolve superseding every candidate.
    public static func operation(settling field: String, with choice: ConflictChoice, in state: RecordState) throws -> ChangeOperation {
        guard let conflict = state.conflicts.first(where: { $0.field == field }) else {
            throw Edit.Refusal(description: "\(field) has no open conflict on this record")
        }
        let chosen: JSONValue
        switch choice {
        case .pick(let number):
            guard conflict.candidates.indices.contains(number - 1) else {
                throw InputError("there is no candidate \(number)",
                                 hint: "pick 1 to \(conflict.candidates.count); see 'dossier conflicts'")
            }
            chosen = conflict.candidates[number - 1].value
        case .value(let text) where field == Conflict.deletionField:
            chosen = .string(text)
        case .value(let text):
            chosen = try FieldText.value(text, for: field, of: state.key.entity)
        }
        guard field == Conflict.deletionField else { return try Edit.resolve(field, to: chosen, in: state) }
        switch chosen {
        case deletedSide: return try Edit.delete(state)
        case editedSide: return try Edit.restore(state)
        default:
            throw InputError("'\(FieldText.display(chosen, as: nil))' is not a side of a deletion conflict",
                             hint: "use --value deleted to delete the record or --value edited to keep it")
        }
    }
}

extension Replica {
    /// Settles a record's open conflict on `field` (see `ConflictResolution`); the resolution syncs like any edit.
    @discardableResult
    public func resolveConflict(_ field: String, of key: RecordKey, with choice: ConflictChoice) throws -> Change {
        try edit(key) { try ConflictResolution.operation(settling: field, with: choice, in: $0) }
    }
}
