import DossierCore

extension FieldText {
    /// A value as a person reads it on one line: `—` for nothing, a list joined by commas, a location as `LAT, LON`,
    /// a grade in words, text with its control characters made visible, JSON otherwise.
    public static func display(_ value: JSONValue, as type: ValueType?) -> String {
        switch value {
        case .null: return "—"
        case .string(let text): return VisibleText.of(text)
        case .array(let values): return values.map { display($0, as: type) }.joined(separator: ", ")
        case .object(let object) where type == .location:
            guard object.count == 2, let lat = object["lat"].flatMap(number), let lon = object["lon"].flatMap(number) else {
                return VisibleText.of(value.canonicalText)
            }
            return "\(lat), \(lon)"
        case .object(let object) where type == .assessment && object["grade"]?.stringValue != nil:
            return assessmentText(value, field: nil)
        default: return VisibleText.of(value.canonicalText)
        }
    }

    /// A value of a record's field (or of the `deleted` pseudo-field) as a person reads it.
    public static func display(_ value: JSONValue, field: String?, of entity: EntityKind) -> String {
        display(value, as: field.flatMap { FieldRules.field($0, of: entity)?.type })
    }

    /// One grade with its meaning and rationale: `B (usually reliable): "named sources"`; `field` picks the scale.
    public static func assessmentText(_ value: JSONValue, field: String?) -> String {
        guard let object = value.objectValue, let grade = object["grade"]?.stringValue else { return display(value, as: nil) }
        var text = VisibleText.of(grade)
        if let meaning = gradeMeaning(grade, field: field) { text += " (\(meaning))" }
        if let rationale = object["rationale"]?.stringValue { text += ": \"\(VisibleText.of(rationale))\"" }
        return text
    }

    /// What a grade means: a source's reliability (`reliability`) or, for anything else, the credibility of information.
    public static func gradeMeaning(_ grade: String, field: String?) -> String? {
        let reliability = ["completely reliable", "usually reliable", "fairly reliable", "not usually reliable",
                           "unreliable", "reliability cannot be judged"]
        let credibility = ["confirmed", "probably true", "possibly true", "doubtful", "improbable", "truth cannot be judged"]
        guard let index = Vocabulary.grades.firstIndex(of: grade.uppercased()) else { return nil }
        return (field == "reliability" ? reliability : credibility)[index]
    }

    private static func number(_ value: JSONValue) -> String? {
        switch value {
        case .int(let number): "\(number)"
        case .double(let number): "\(number)"
        default: nil
        }
    }
}
