import DossierCore

extension FieldText {
    /// A value as a person reads it: `—` for nothing, a list joined by commas, a location as `LAT, LON`, JSON otherwise.
    public static func display(_ value: JSONValue, as type: ValueType?) -> String {
        switch value {
        case .null: return "—"
        case .string(let text): return text
        case .array(let values): return values.map { display($0, as: type) }.joined(separator: ", ")
        case .object(let object) where type == .location:
            guard object.count == 2, let lat = object["lat"].flatMap(number), let lon = object["lon"].flatMap(number) else {
                return value.canonicalText
            }
            return "\(lat), \(lon)"
        default: return value.canonicalText
        }
    }

    /// A value of a record's field (or of the `deleted` pseudo-field) as a person reads it.
    public static func display(_ value: JSONValue, field: String?, of entity: EntityKind) -> String {
        display(value, as: field.flatMap { FieldRules.field($0, of: entity)?.type })
    }

    private static func number(_ value: JSONValue) -> String? {
        switch value {
        case .int(let number): "\(number)"
        case .double(let number): "\(number)"
        default: nil
        }
    }
}
