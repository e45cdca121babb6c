/// The JSON form of a merged record (the snapshot's for clients other than replicas): every part named.
extension RecordState: Codable {
    /// Reads the JSON form.
    public init(from decoder: any Decoder) throws {
        try self.init(json: try JSONValue(from: decoder))
    }

    /// Writes the JSON form.
    public func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }

    /// `{"entity", "id", "creation", "fields", "edits", "deletions", "restored"}`; fields by name, each with its `kind`.
    public var json: JSONValue {
        let creation = creation.map { JSONValue.object(["version": .string($0.version.description), "author": .string($0.author)]) }
        let edits = edits.sorted { $0.key < $1.key }.map { JSONValue.object(["version": .string($0.key.description), "author": .string($0.value)]) }
        let deletions = deletions.values.sorted { $0.version < $1.version }.map { deletion in
            JSONValue.object(["version": .string(deletion.version.description), "author": .string(deletion.author),
                              "supersedes": HLC.json(deletion.supersedes)])
        }
        return .object([
            "entity": .string(key.entity.rawValue), "id": .string(key.id), "creation": creation ?? .null,
            "fields": .object(fields.mapValues(\.json)), "edits": .array(edits), "deletions": .array(deletions),
            "restored": HLC.json(restored),
        ])
    }

    /// Reads `json`.
    public init(json: JSONValue) throws {
        guard let object = json.objectValue, let entityName = object["entity"]?.stringValue, let id = object["id"]?.stringValue else {
            throw StateJSONError("a record state needs entity and id")
        }
        guard let entity = EntityKind(rawValue: entityName) else { throw StateJSONError("'\(entityName)' is not an entity") }
        self.init(key: RecordKey(entity: entity, id: id))
        if let creation = object["creation"], !creation.isNull {
            guard let version = try HLC.json(creation.objectValue?["version"]), let author = creation.objectValue?["author"]?.stringValue
            else { throw StateJSONError("a creation needs version and author") }
            self.creation = Creation(version: version, author: author)
        }
        for (name, state) in object["fields"]?.objectValue ?? [:] { fields[name] = try FieldState(json: state) }
        for edit in Self.array(object["edits"]) {
            guard let version = try HLC.json(edit.objectValue?["version"]), let author = edit.objectValue?["author"]?.stringValue
            else { throw StateJSONError("an edit needs version and author") }
            edits[version] = author
        }
        for deletion in Self.array(object["deletions"]) {
            guard let members = deletion.objectValue, let version = try HLC.json(members["version"]),
                  let author = members["author"]?.stringValue else { throw StateJSONError("a deletion needs version and author") }
            deletions[version] = Deletion(version: version, author: author, supersedes: try HLC.set(members["supersedes"]))
        }
        restored = try HLC.set(object["restored"])
    }

    private static func array(_ json: JSONValue?) -> [JSONValue] {
        if case .array(let items)? = json { items } else { [] }
    }
}
