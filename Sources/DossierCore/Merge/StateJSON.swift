/// The JSON form of merged states (the snapshot's): explicit members, versions as text, version sets sorted.
public struct StateJSONError: Error, CustomStringConvertible, Sendable {
    /// What is wrong.
    public var description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}

extension Write {
    /// `{"value", "version", "author"}`.
    var json: JSONValue {
        .object(["value": value, "version": .string(version.description), "author": .string(author)])
    }

    /// Reads `json`.
    init(json: JSONValue?) throws {
        guard let object = json?.objectValue, let value = object["value"], let version = try HLC.json(object["version"]),
              let author = object["author"]?.stringValue else { throw StateJSONError("a write needs value, version and author") }
        self.init(value: value, version: version, author: author)
    }

    /// An optional write: the write's JSON or `null`.
    static func json(_ write: Write?) -> JSONValue { write?.json ?? .null }

    /// Reads an optional write.
    static func optional(_ json: JSONValue?) throws -> Write? {
        guard let json, !json.isNull else { return nil }
        return try Write(json: json)
    }
}

extension HLC {
    /// A version set as a sorted array of texts.
    static func json(_ versions: Set<HLC>) -> JSONValue { .array(versions.sorted().map { .string($0.description) }) }

    /// Reads a version's text; nil for an absent member.
    static func json(_ json: JSONValue?) throws -> HLC? {
        guard let json, !json.isNull else { return nil }
        guard let text = json.stringValue, let version = HLC(text) else { throw StateJSONError("'\(json.canonicalText)' is not a version") }
        return version
    }

    /// Reads a version set (an absent member is empty).
    static func set(_ json: JSONValue?) throws -> Set<HLC> {
        guard let json, !json.isNull else { return [] }
        guard case .array(let items) = json else { throw StateJSONError("a version set must be an array") }
        return Set(try items.map { try HLC.json($0) ?? { throw StateJSONError("a version set holds null") }() })
    }
}
