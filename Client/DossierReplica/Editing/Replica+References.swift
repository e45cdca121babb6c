import DossierCore

extension Replica {
    /// The full id of the record of a kind whose id starts with `prefix`.
    public func id(_ prefix: String, _ entity: EntityKind) throws -> String { try resolve(prefix, as: entity).id }

    /// `ACTOR:role` with the actor's id prefix made a full id; the role is the core's to check.
    public func actorRole(_ text: String) throws -> String {
        guard let colon = text.lastIndex(of: ":") else {
            throw InputError("'\(text)' is not ACTOR_ID:role",
                             hint: "e.g. --actor 0191:perpetrator (roles: \(Vocabulary.actorRoles.joined(separator: ", ")))")
        }
        return try id(String(text[..<colon]), .actor) + text[colon...]
    }
}

extension Dataset {
    /// The one-line label of a record (its title, name or text), or the id when the record is not here.
    public func label(of key: RecordKey) -> String {
        self[key].map { RecordView($0, in: self).label } ?? key.id
    }
}
