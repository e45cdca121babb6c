/// The five kinds of record a researcher keeps.
public enum EntityKind: String, Codable, CaseIterable, Sendable, Comparable {
    case source, incident, quote, actor, annotation, evidence, custody

    /// The plural used by `dossier list` and the exports ("evidence" and "custody" are their own plurals).
    public var plural: String { self == .evidence || self == .custody ? rawValue : rawValue + "s" }

    public static func < (lhs: EntityKind, rhs: EntityKind) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Decodes a kind; an unknown one is an error that lists the kinds.
    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let kind = EntityKind(rawValue: name) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription:
                "unknown entity '\(name)'; entities are \(EntityKind.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        self = kind
    }
}
