/// The body of `POST /v1/changes`: a batch of changes from one replica's outbox.
public struct PushRequest: Codable, Sendable {
    /// The changes, each decoded on its own so one malformed change does not sink the batch.
    public var changes: [Submitted]

    /// Creates a request.
    public init(changes: [Change]) { self.changes = changes.map(Submitted.change) }

    /// Decodes a request; a key other than `changes` is a decoding error naming it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        try Change.refuse(in: container, allowed: ["changes"], of: "a push")
        changes = try container.decode([Submitted].self, forKey: AnyKey(stringValue: "changes"))
    }
}

/// One element of a push: a change, or what could be read of a malformed one.
public enum Submitted: Codable, Sendable {
    /// A well-formed change (still to be validated).
    case change(Change)
    /// A change that could not be decoded: its id if one was readable, and why.
    case malformed(id: String?, reason: String)

    /// Decodes a change, keeping any failure to read it as `.malformed`: a `DecodingError`, or the error Foundation
    /// throws of its own for a number that does not fit (`1.5` or `1e300` where a whole number goes), which would
    /// otherwise sink the whole batch.
    public init(from decoder: any Decoder) throws {
        do {
            try Change.refuseUnknownKeys(decoder)
            self = .change(try Change(from: decoder))
        } catch {
            let id = try? decoder.container(keyedBy: AnyKey.self).decode(String.self, forKey: AnyKey(stringValue: "id"))
            self = .malformed(id: id, reason: Self.reason(error))
        }
    }

    /// Why a change could not be read, without Swift's names.
    static func reason(_ error: any Error) -> String {
        if let error = error as? DecodingError { return error.readableDescription }
        let text = String(describing: error)
        if let start = text.range(of: "parsed: \""), let end = text[start.upperBound...].firstIndex(of: "\"") {
            return "the number \(text[start.upperBound..<end]) does not fit: figures are whole numbers from 0 to 9223372036854775807"
        }
        return "a value could not be read"
    }

    /// Encodes the change (a malformed element encodes as its id alone).
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .change(let change): try change.encode(to: encoder)
        case .malformed(let id, _):
            var container = encoder.container(keyedBy: AnyKey.self)
            try container.encodeIfPresent(id, forKey: AnyKey(stringValue: "id"))
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
