import DossierCore
import Foundation

/// Field values from what a researcher types: a location from `LAT,LON`, structured values from JSON, text otherwise.
public enum FieldText {
    /// The value of `field` typed as `text`; throws when a location is neither `LAT,LON` nor JSON.
    public static func value(_ text: String, for field: String, of entity: EntityKind) throws -> JSONValue {
        switch FieldRules.field(field, of: entity)?.type {
        case .location?:
            if let location = location(text) ?? json(text) { return location }
            throw InputError("'\(text)' is not a location", hint: "give LAT,LON in WGS84 degrees, e.g. 34.5656,69.2078")
        case .assessment?:
            return json(text) ?? .string(text)
        case .bool?:
            return text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text)
        default:
            return .string(text)
        }
    }

    /// A location from `LAT,LON` (spaces allowed: `34.5656, 69.2078`); nil when the text is not two numbers.
    public static func location(_ text: String) -> JSONValue? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let lat = parts[0], let lon = parts[1] else { return nil }
        return locationValue(lat: lat, lon: lon)
    }

    /// The location from `--lat` and `--lon`: nil when neither is given; both or neither.
    public static func location(lat: Double?, lon: Double?) throws -> JSONValue? {
        switch (lat, lon) {
        case (nil, nil): return nil
        case (let lat?, let lon?): return locationValue(lat: lat, lon: lon)
        default: throw InputError("--lat and --lon go together", hint: "give both, in WGS84 degrees")
        }
    }

    /// A grade (upper-cased, as the vocabulary has it) and why it was given.
    public static func assessment(grade: String, rationale: String?) -> JSONValue {
        var object: [String: JSONValue] = ["grade": .string(grade.uppercased())]
        if let rationale { object["rationale"] = .string(rationale) }
        return .object(object)
    }

    private static func locationValue(lat: Double, lon: Double) -> JSONValue {
        .object(["lat": .double(lat), "lon": .double(lon)])
    }

    private static func json(_ text: String) -> JSONValue? {
        guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else { return nil }
        return .object(object)
    }
}
