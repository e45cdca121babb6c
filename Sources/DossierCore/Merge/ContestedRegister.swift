/// `contested`: the latest write is shown, but writes that had not seen each other are all kept
/// as candidates of an open conflict until a write that has seen them all replaces them.
///
/// The candidates are exactly the writes no other write names in its `supersedes`; the register remembers
/// every superseded version so that the order of arrival never matters.
public struct ContestedRegister: WholeValueRule {
    public static let kind = MergeKind.contested

    /// The live writes, by version.
    public internal(set) var candidates: [HLC: Write] = [:]
    /// Every version some write has said it replaces.
    public internal(set) var superseded: Set<HLC> = []

    /// An empty register.
    public init() {}

    /// The merge: records what the write supersedes, then keeps it unless something already superseded it.
    public func merging(_ incoming: Write, supersedes: Set<HLC>) -> ContestedRegister {
        var next = self
        next.superseded.formUnion(supersedes)
        if !next.superseded.contains(incoming.version) {
            if let existing = next.candidates[incoming.version], !Write.precedes(existing, incoming) {
                // Same version, different content: keep the greater one, deterministically.
            } else {
                next.candidates[incoming.version] = incoming
            }
        }
        for version in supersedes { next.candidates[version] = nil }
        return next
    }

    /// The value shown: the latest candidate.
    public var winner: Write? { candidates.values.max(by: Write.precedes) }

    /// The candidates, latest first.
    public var sortedCandidates: [Write] { candidates.values.sorted(by: Write.precedes).reversed() }

    /// True when concurrent writes are waiting for someone to resolve them.
    public var isConflicted: Bool { candidates.count > 1 }


    public func created(_ value: JSONValue, version: HLC, author: String) -> ContestedRegister {
        merging(Write(value: value, version: version, author: author), supersedes: [])
    }

    public func applying(_ operation: ChangeOperation, version: HLC, author: String) -> ContestedRegister {
        switch operation {
        case .set(_, let value, let supersedes), .resolve(_, let value, let supersedes):
            merging(Write(value: value, version: version, author: author), supersedes: supersedes)
        default: self
        }
    }

    public var currentValue: JSONValue { winner?.value ?? .null }
    public var currentVersion: HLC? { winner?.version }
    public var seenVersions: Set<HLC> { Set(candidates.keys) }
    public var conflictCandidates: [Write] { isConflicted ? sortedCandidates : [] }

    public func pack(into writer: inout PackedWriter) {
        writer.count(candidates.count)
        for write in candidates.values { writer.write(write) }
        writer.hlcs(superseded)
    }

    public init(unpacking reader: inout PackedReader) throws {
        for _ in 0..<(try reader.count()) {
            guard let write = try reader.write() else { throw PackedError("a packed candidate has no value") }
            candidates[write.version] = write
        }
        superseded = try reader.hlcs()
    }

    public var json: [String: JSONValue] {
        ["candidates": .array(sortedCandidates.map(\.json)), "superseded": HLC.json(superseded)]
    }

    public init(json: [String: JSONValue]) throws {
        guard case .array(let items)? = json["candidates"] else { throw StateJSONError("a contested field needs candidates") }
        for item in items {
            let write = try Write(json: item)
            candidates[write.version] = write
        }
        superseded = try HLC.set(json["superseded"])
    }

    public var fieldState: FieldState { .contested(self) }
}

extension Edit {
    /// Resolves a field's conflict with a value, superseding every candidate.
    public static func resolve(_ field: String, to value: JSONValue, in state: RecordState) throws -> ChangeOperation {
        guard case .contested(let register)? = state.fields[field], register.isConflicted else {
            throw Refusal(description: "\(field) has no open conflict on this record")
        }
        return .resolve(field: field, value: value, supersedes: Set(register.candidates.keys))
    }
}
