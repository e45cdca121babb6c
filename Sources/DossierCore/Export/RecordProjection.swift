/// What a record shows within its dataset, computed once for every view and export of it: each field of its kind
/// with its current value (the field's default, or its rule's empty value, when never set) and version, open
/// conflicts, and the casualty ranges derived from its claims.
public struct RecordProjection: Sendable {
    /// The record.
    public let key: RecordKey
    /// Who created it.
    public let createdBy: String?
    /// The version of its creation.
    public let createdAt: HLC?
    /// True when deleted.
    public let deleted: Bool
    /// True for an annotation whose target is gone.
    public let orphan: Bool
    /// Current values, every field of the kind.
    public let fields: [String: JSONValue]
    /// The version of each field's current value, for the fields that have been set.
    public let versions: [String: HLC]
    /// Open conflicts.
    public let conflicts: [Conflict]
    /// Derived casualty ranges, for each casualty kind that has claims.
    public let casualties: [String: CasualtySummary]

    /// The projection of a record within its dataset.
    public init(_ state: RecordState, in dataset: Dataset) {
        key = state.key
        createdBy = state.creation?.author
        createdAt = state.creation?.version
        deleted = state.isDeleted
        orphan = dataset.isOrphan(state)
        var values: [String: JSONValue] = [:]
        var versions: [String: HLC] = [:]
        for spec in FieldRules.fields(of: key.entity) {
            let field = state.fields[spec.name]
            values[spec.name] = field?.currentValue ?? spec.defaultValue ?? FieldState.empty(spec.merge).currentValue
            versions[spec.name] = field?.currentVersion
        }
        fields = values
        self.versions = versions
        conflicts = state.conflicts
        var derived: [String: CasualtySummary] = [:]
        for kind in Vocabulary.casualtyKinds { derived[kind] = state.casualties(kind) }
        casualties = derived
    }
}
