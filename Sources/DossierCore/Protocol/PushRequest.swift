/// The body of `POST /v1/changes`: a batch of changes from one replica's outbox.
public struct PushRequest: Codable, Sendable {
    /// The changes, each decoded on its own so one malformed change does not sink the batch.
    public var changes: [Submitted]

    /// Creates a request.
    public init(changes: [Change]) { self.changes = changes.map(Submitted.change) }
}

/// One element of a push: a change, or what could be read of a malformed one.
public enum Submitted: Codable, Sendable {
    /// A well-formed change (still to be validated).
    case change(Change)
    /// A change that could not be decoded: its id if one was readable, and why.
    case malformed(id: String?, reason: String)

    private struct IDKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes a change, keeping a decoding failure as `.malformed`.
    public init(from decoder: any Decoder) throws {
        do {
            self = .change(try Change(from: decoder))
        } catch let error as DecodingError {
            let id = try? decoder.container(keyedBy: IDKey.self).decode(String.self, forKey: IDKey(stringValue: "id"))
            self = .malformed(id: id, reason: error.readableDescription)
        }
    }

    /// Encodes the change (a malformed element encodes as its id alone).
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .change(let change): try change.encode(to: encoder)
        case .malformed(let id, _):
            var container = encoder.container(keyedBy: IDKey.self)
            try container.encodeIfPresent(id, forKey: IDKey(stringValue: "id"))
        }
    }
}

extension DecodingError {
    /// A one-line account naming the JSON path at fault, without Swift type names.
    public var readableDescription: String {
        func path(_ context: Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "body" : keys.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch self {
        case .keyNotFound(let key, let context):
            let at = path(context)
            return at == "body" ? "missing key '\(key.stringValue)'" : "\(at): missing key '\(key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context)): wrong type of value"
        case .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "unreadable JSON"
        }
    }
}
