/// Every field of every entity with its type and merge rule (SPEC §2): the one place to look a rule up.
public enum FieldRules {
    /// The fields of an entity, in display order.
    public static func fields(of entity: EntityKind) -> [FieldSpec] {
        switch entity {
        case .source: source
        case .incident: incident
        case .quote: quote
        case .actor: actor
        case .annotation: annotation
        case .evidence: evidence
        case .custody: custody
        }
    }

    /// One field of an entity, if it exists.
    public static func field(_ name: String, of entity: EntityKind) -> FieldSpec? {
        fields(of: entity).first { $0.name == name }
    }

    /// The fields of an entity that merge by one kind, in display order.
    public static func fields(of entity: EntityKind, merging kind: MergeKind) -> [FieldSpec] {
        fields(of: entity).filter { $0.merge == kind }
    }

    static let source: [FieldSpec] = [
        FieldSpec("kind", .choice(Vocabulary.sourceKinds), required: true, merge: .lww),
        FieldSpec("title", .text, required: true, merge: .lww),
        FieldSpec("outlet", .text, merge: .lww),
        FieldSpec("url", .text, merge: .lww),
        FieldSpec("language", .text, merge: .lww),
        FieldSpec("published", .partialDate, merge: .lww),
        FieldSpec("tags", .text, merge: .set),
        FieldSpec("reliability", .assessment, merge: .perAuthor),
    ]

    static let incident: [FieldSpec] = [
        FieldSpec("title", .text, required: true, merge: .lww),
        FieldSpec("date", .partialDate, required: true, merge: .contested),
        FieldSpec("place", .text, required: true, merge: .contested),
        FieldSpec("admin1", .text, merge: .lww),
        FieldSpec("country", .country, merge: .lww),
        FieldSpec("location", .location, merge: .contested),
        FieldSpec("event_type", .choice(Vocabulary.eventTypes), required: true, merge: .contested),
        FieldSpec("sub_event_type", .choice(Vocabulary.subEventTypes), merge: .contested),
        FieldSpec("actors", .actorRole, merge: .set),
        FieldSpec("casualties", .casualtyClaim, merge: .claims),
        FieldSpec("summary", .text, merge: .contested),
        FieldSpec("sources", .reference([.source]), merge: .set),
        FieldSpec("tags", .text, merge: .set),
        FieldSpec("review_status", .choice(Vocabulary.reviewStatuses), required: true, merge: .contested, default: .string("draft")),
    ]

    static let quote: [FieldSpec] = [
        FieldSpec("source", .reference([.source]), required: true, merge: .immutable),
        FieldSpec("text", .text, required: true, merge: .contested),
        FieldSpec("speaker", .text, required: true, merge: .contested),
        FieldSpec("speaker_role", .text, merge: .lww),
        FieldSpec("said_on", .partialDate, merge: .lww),
        FieldSpec("incidents", .reference([.incident]), merge: .set),
        FieldSpec("tags", .text, merge: .set),
    ]

    static let actor: [FieldSpec] = [
        FieldSpec("kind", .choice(Vocabulary.actorKinds), required: true, merge: .lww),
        FieldSpec("name", .text, required: true, merge: .lww),
        FieldSpec("aliases", .text, merge: .set),
        FieldSpec("description", .text, merge: .lww),
    ]

    // The annotation's author is the record's `created_by`, immutable like every creator.
    static let annotation: [FieldSpec] = [
        FieldSpec("target", .reference([.incident, .quote, .source, .actor]), required: true, merge: .immutable),
        FieldSpec("kind", .choice(Vocabulary.annotationKinds), required: true, merge: .immutable),
        FieldSpec("body", .text, merge: .contested),
        FieldSpec("credibility", .assessment, merge: .perAuthor),
        FieldSpec("tags", .text, merge: .set),
        FieldSpec("resolved", .bool, merge: .lww),
    ]

    // A file's record: what it is (its bytes are kept apart, named by `sha256`) and what it is evidence of.
    static let evidence: [FieldSpec] = [
        FieldSpec("sha256", .sha256, required: true, merge: .immutable),
        FieldSpec("size", .byteCount, required: true, merge: .immutable),
        FieldSpec("media_type", .text, required: true, merge: .immutable),
        FieldSpec("original_name", .text, merge: .immutable),
        FieldSpec("kind", .choice(Vocabulary.evidenceKinds), required: true, merge: .lww),
        FieldSpec("captured_at", .moment, merge: .lww),
        FieldSpec("captured_by", .text, merge: .lww),
        FieldSpec("source_url", .text, merge: .lww),
        FieldSpec("note", .text, merge: .contested),
        FieldSpec("targets", .reference([.incident, .quote, .source, .actor, .annotation]), merge: .set),
        FieldSpec("derived_from", .sha256, merge: .immutable),
        FieldSpec("tags", .text, merge: .set),
    ]

    // One event in an evidence file's chain of custody, recorded where it happened: every field immutable, and the
    // validator refuses its deletion, so the chain only grows. Who and when are the record's creator and creation time.
    static let custody: [FieldSpec] = [
        FieldSpec("evidence", .reference([.evidence]), required: true, merge: .immutable),
        FieldSpec("action", .choice(Vocabulary.custodyActions), required: true, merge: .immutable),
        FieldSpec("sha256", .sha256, required: true, merge: .immutable),
        FieldSpec("detail", .text, merge: .immutable),
    ]
}
