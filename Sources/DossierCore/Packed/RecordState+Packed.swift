import Foundation

extension RecordState {
    /// The first byte of the packed form (a JSON state starts with `{`).
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

    /// Reads a stored state: the packed form, or JSON as older stores and the wire have it.
    public init(stored bytes: [UInt8]) throws {
        guard bytes.first == Self.packedFormat else {
            self = try JSONDecoder().decode(RecordState.self, from: Data(bytes))
            return
        }
        var r = PackedReader(bytes)
        _ = try r.byte()
        guard let entity = EntityKind(rawValue: try r.string()) else { throw PackedError("a packed state has an unknown entity") }
        self.init(key: RecordKey(entity: entity, id: try r.string()))
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
}

extension FieldState {
    func pack(into w: inout PackedWriter) {
        switch self {
        case .immutable(let register):
            w.byte(0); Self.pack(register.write, into: &w)
        case .lww(let register):
            w.byte(1); Self.pack(register.winner, into: &w)
        case .contested(let register):
            w.byte(2)
            w.count(register.candidates.count)
            for (version, write) in register.candidates { w.hlc(version); Self.pack(write, into: &w) }
            w.hlcs(register.superseded)
        case .set(let set):
            w.byte(3)
            for side in [set.adds, set.removed] {
                w.count(side.count)
                for (element, tags) in side { w.string(element); w.hlcs(tags) }
            }
        case .claims(let claims):
            w.byte(4)
            w.count(claims.claims.count)
            for entry in claims.claims.values {
                w.hlc(entry.id); w.string(entry.author)
                w.string(entry.claim.kind); w.int(entry.claim.low); w.int(entry.claim.high)
                w.string(entry.claim.qualifier); w.string(entry.claim.source)
                w.flag(entry.claim.note != nil)
                if let note = entry.claim.note { w.string(note) }
            }
            w.count(claims.retractions.count)
            for (id, register) in claims.retractions { w.hlc(id); Self.pack(register.winner, into: &w) }
        case .perAuthor(let map):
            w.byte(5)
            w.count(map.entries.count)
            for (author, register) in map.entries { w.string(author); Self.pack(register.winner, into: &w) }
        }
    }

    init(unpacking r: inout PackedReader) throws {
        switch try r.byte() {
        case 0:
            var register = ImmutableValue()
            register.write = try Self.unpackWrite(&r)
            self = .immutable(register)
        case 1:
            self = .lww(try Self.unpackRegister(&r))
        case 2:
            var register = ContestedRegister()
            for _ in 0..<(try r.count()) {
                let version = try r.hlc()
                guard let write = try Self.unpackWrite(&r) else { throw PackedError("a packed candidate has no value") }
                register.candidates[version] = write
            }
            register.superseded = try r.hlcs()
            self = .contested(register)
        case 3:
            var set = AddWinsSet()
            for _ in 0..<(try r.count()) { set.adds[try r.string()] = try r.hlcs() }
            for _ in 0..<(try r.count()) { set.removed[try r.string()] = try r.hlcs() }
            self = .set(set)
        case 4:
            var claims = ClaimSet()
            for _ in 0..<(try r.count()) {
                let id = try r.hlc(), author = try r.string()
                let claim = CasualtyClaim(kind: try r.string(), low: try r.int(), high: try r.int(), qualifier: try r.string(),
                                          source: try r.string(), note: try r.flag() ? try r.string() : nil)
                claims.claims[id] = ClaimSet.Entry(id: id, claim: claim, author: author)
            }
            for _ in 0..<(try r.count()) {
                let id = try r.hlc()
                claims.retractions[id] = try Self.unpackRegister(&r)
            }
            self = .claims(claims)
        case 5:
            var map = PerAuthorMap()
            for _ in 0..<(try r.count()) {
                let author = try r.string()
                map.entries[author] = try Self.unpackRegister(&r)
            }
            self = .perAuthor(map)
        default:
            throw PackedError("a packed field has an unknown merge kind")
        }
    }

    private static func pack(_ write: Write?, into w: inout PackedWriter) {
        w.flag(write != nil)
        guard let write else { return }
        w.json(write.value); w.hlc(write.version); w.string(write.author)
    }

    private static func unpackWrite(_ r: inout PackedReader) throws -> Write? {
        guard try r.flag() else { return nil }
        return Write(value: try r.json(), version: try r.hlc(), author: try r.string())
    }

    private static func unpackRegister(_ r: inout PackedReader) throws -> LWWRegister {
        var register = LWWRegister()
        register.winner = try unpackWrite(&r)
        return register
    }
}
