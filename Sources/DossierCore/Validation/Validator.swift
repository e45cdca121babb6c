/// Checks a change against the model before anything is stored: known fields, types, vocabularies,
/// required values, ranges, and which operations each field's merge kind allows.
public enum Validator {
    /// Throws the first rule the change breaks.
    public static func validate(_ change: Change) throws {
        guard RecordID.isValid(change.record) else {
            throw ValidationError(field: "record", rule: "must be a record id (a lowercase UUID)")
        }
        guard !change.author.isEmpty else { throw ValidationError(field: "author", rule: "must not be empty") }
        let entity = change.entity
        switch change.operation {
        case .create(let values):
            try validateCreate(values, entity: entity)
        case .set(let name, let value, _), .resolve(let name, let value, _):
            let spec = try field(name, of: entity)
            switch spec.merge {
            case .immutable: throw ValidationError(field: name, rule: "cannot change after creation")
            case .lww, .contested: break
            default: throw ValidationError(field: name, rule: "is a \(spec.merge.rawValue) field and cannot be set whole")
            }
            if value.isNull {
                guard !spec.required else { throw ValidationError(field: name, rule: "is required and cannot be cleared") }
            } else {
                try check(value, as: spec.type, field: name)
            }
        case .add(let name, let element), .remove(let name, let element, _):
            let spec = try field(name, of: entity)
            guard spec.merge == .set else { throw ValidationError(field: name, rule: "is not a set") }
            try check(.string(element), as: spec.type, field: name)
        case .addClaim(let claim):
            _ = try field("casualties", of: entity)
            try check(claim)
        case .retractClaim:
            _ = try field("casualties", of: entity)
        case .setMine(let name, let value):
            let spec = try field(name, of: entity)
            guard spec.merge == .perAuthor else { throw ValidationError(field: name, rule: "is not a per-author field") }
            if !value.isNull { try check(value, as: spec.type, field: name) }
        case .delete, .restore:
            break
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
            switch spec.merge {
            case .claims:
                throw ValidationError(field: spec.name, rule: "claims are added one at a time after creation")
            case .set:
                guard case .array(let elements) = value else { throw ValidationError(field: spec.name, rule: "must be a list") }
                for element in elements { try check(element, as: spec.type, field: spec.name) }
            default:
                try check(value, as: spec.type, field: spec.name)
            }
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
