/// Checks a change against the model before anything is stored: known fields, types, vocabularies,
/// required values and ranges. Which operations a field takes, and their values, its merge rule checks.
public enum Validator {
    /// Throws the first rule the change breaks.
    public static func validate(_ change: Change) throws {
        guard RecordID.isValid(change.record) else {
            throw ValidationError(field: "record", rule: "must be a record id (a lowercase UUID)")
        }
        guard !change.author.isEmpty else { throw ValidationError(field: "author", rule: "must not be empty") }
        switch change.operation {
        case .create(let values):
            try validateCreate(values, entity: change.entity)
        case .delete, .restore:
            guard change.entity != .custody else {
                throw ValidationError(field: "custody", rule: "events are append-only: they cannot be deleted or restored")
            }
        default:
            guard let name = change.operation.field else { return }
            let spec = try field(name, of: change.entity)
            try spec.merge.rule.validate(change.operation, spec: spec)
        }
    }

    /// Checks a value that replaces a whole field: `null` clears it unless it is required.
    public static func checkWhole(_ value: JSONValue, spec: FieldSpec) throws {
        if value.isNull {
            guard !spec.required else { throw ValidationError(field: spec.name, rule: "is required and cannot be cleared") }
        } else {
            try check(value, as: spec.type, field: spec.name)
        }
    }

    static func field(_ name: String, of entity: EntityKind) throws -> FieldSpec {
        guard let spec = FieldRules.field(name, of: entity) else {
            let known = FieldRules.fields(of: entity).map(\.name).joined(separator: ", ")
            throw ValidationError(field: name, rule: "is not a field of \(entity.rawValue) (fields: \(known))")
        }
        return spec
    }

    static func validateCreate(_ values: [String: JSONValue], entity: EntityKind) throws {
        for name in values.keys.sorted() { _ = try field(name, of: entity) }
        for spec in FieldRules.fields(of: entity) {
            let value = values[spec.name] ?? .null
            if value.isNull {
                guard !spec.required || spec.defaultValue != nil else {
                    throw ValidationError(field: spec.name, rule: "is required")
                }
                continue
            }
            try spec.merge.rule.validateCreated(value, spec: spec)
        }
        if entity == .incident, let sub = values["sub_event_type"]?.stringValue, let type = values["event_type"]?.stringValue {
            try checkSubEventType(sub, of: type)
        }
    }

    /// Checks that a sub-event type belongs to its event type in ACLED's codebook.
    public static func checkSubEventType(_ subType: String, of eventType: String) throws {
        guard let parent = Vocabulary.eventType(of: subType), parent == eventType else {
            let allowed = Vocabulary.acled.first { $0.eventType == eventType }?.subTypes ?? []
            throw ValidationError(field: "sub_event_type", rule: "must be one of the sub-types of \(eventType): \(allowed.joined(separator: "; "))")
        }
    }
}
