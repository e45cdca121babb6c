/// The five kinds of record a researcher keeps.
public enum EntityKind: String, Codable, CaseIterable, Sendable, Comparable {
    case source, incident, quote, actor, annotation

    /// The plural used by `dossier list` and the exports.
    public var plural: String { rawValue + "s" }

    public static func < (lhs: EntityKind, rhs: EntityKind) -> Bool { lhs.rawValue < rhs.rawValue }
}
