extension RecordState {
    /// The first byte of the packed form: its version.
    public static let packedFormat: UInt8 = 1

    /// The merged state in the stores' packed form (not canonical: maps are written in hash order).
    public func packed() -> [UInt8] {
        var w = PackedWriter()
        w.byte(Self.packedFormat)
        w.string(key.entity.rawValue)
        w.string(key.id)
        w.flag(creation != nil)
        if let creation { w.hlc(creation.version); w.string(creation.author) }
        w.count(fields.count)
        for (name, state) in fields { w.string(name); state.pack(into: &w) }
        w.count(edits.count)
        for (version, author) in edits { w.hlc(version); w.string(author) }
        w.count(deletions.count)
        for deletion in deletions.values { w.hlc(deletion.version); w.string(deletion.author); w.hlcs(deletion.supersedes) }
        w.hlcs(restored)
        return w.bytes
    }

    /// The key of a packed state, read from its first bytes without unpacking the rest.
    public static func key(packed bytes: [UInt8]) throws -> RecordKey {
        var r = PackedReader(bytes)
        return try readKey(&r)
    }

    /// Reads the packed form.
    public init(packed bytes: [UInt8]) throws {
        var r = PackedReader(bytes)
        self.init(key: try Self.readKey(&r))
        if try r.flag() { creation = Creation(version: try r.hlc(), author: try r.string()) }
        for _ in 0..<(try r.count()) {
            let name = try r.string()
            fields[name] = try FieldState(unpacking: &r)
        }
        for _ in 0..<(try r.count()) { edits[try r.hlc()] = try r.string() }
        for _ in 0..<(try r.count()) {
            let deletion = Deletion(version: try r.hlc(), author: try r.string(), supersedes: try r.hlcs())
            deletions[deletion.version] = deletion
        }
        restored = try r.hlcs()
        guard r.isAtEnd else { throw PackedError("a packed state has bytes after its end") }
    }

    /// The format byte and the key every packed state starts with.
    private static func readKey(_ r: inout PackedReader) throws -> RecordKey {
        guard try r.byte() == Self.packedFormat else { throw PackedError("a stored state is not in the packed form this version reads") }
        guard let entity = EntityKind(rawValue: try r.string()) else { throw PackedError("a packed state has an unknown entity") }
        return RecordKey(entity: entity, id: try r.string())
    }
}
