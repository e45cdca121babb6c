import Foundation

extension Validator {
    /// The longest text a field may hold, in characters.
    public static let maxTextLength = 100_000

    /// Checks one value (or set element) against its type.
    public static func check(_ value: JSONValue, as type: ValueType, field: String) throws {
        func fail(_ rule: String) -> ValidationError { ValidationError(field: field, rule: rule) }
        switch type {
        case .text:
            guard let text = value.stringValue else { throw fail("must be text") }
            try checkText(text, field: field)
        case .choice(let words):
            guard let word = value.stringValue, words.contains(word) else {
                throw fail("must be one of: \(words.joined(separator: ", "))")
            }
        case .partialDate:
            guard let text = value.stringValue, PartialDate(text) != nil else {
                throw fail("must be a date as YYYY, YYYY-MM or YYYY-MM-DD")
            }
        case .country:
            guard let code = value.stringValue, isCountryCode(code) else {
                throw fail("must be an ISO 3166-1 alpha-2 country code such as AF")
            }
        case .bool:
            guard value.boolValue != nil else { throw fail("must be true or false") }
        case .reference:
            guard let id = value.stringValue, RecordID.isValid(id) else { throw fail("must be a record id (a lowercase UUID)") }
        case .location:
            guard let object = value.objectValue, Set(object.keys) == ["lat", "lon"],
                  let lat = object["lat"]?.doubleValue, let lon = object["lon"]?.doubleValue else {
                throw fail("must be {\"lat\": number, \"lon\": number}")
            }
            guard (-90...90).contains(lat) else { throw ValidationError(field: field + ".lat", rule: "must be between -90 and 90") }
            guard (-180...180).contains(lon) else { throw ValidationError(field: field + ".lon", rule: "must be between -180 and 180") }
        case .assessment:
            guard let object = value.objectValue, Set(object.keys).isSubset(of: ["grade", "rationale"]) else {
                throw fail("must be {\"grade\": \"A\"…\"F\", \"rationale\": text}")
            }
            guard let grade = object["grade"]?.stringValue, Vocabulary.grades.contains(grade) else {
                throw ValidationError(field: field + ".grade", rule: "must be one of A, B, C, D, E, F")
            }
            if let rationale = object["rationale"], !rationale.isNull {
                guard let text = rationale.stringValue else { throw ValidationError(field: field + ".rationale", rule: "must be text") }
                try checkText(text, field: field + ".rationale")
            }
        case .actorRole:
            let parts = value.stringValue?.split(separator: ":", omittingEmptySubsequences: false) ?? []
            guard parts.count == 2, RecordID.isValid(String(parts[0])) else { throw fail("must be ACTOR_ID:role") }
            guard Vocabulary.actorRoles.contains(String(parts[1])) else {
                throw fail("role must be one of: \(Vocabulary.actorRoles.joined(separator: ", "))")
            }
        case .casualtyClaim:
            throw fail("claims are added one at a time, not set")
        case .sha256:
            guard let text = value.stringValue, isSHA256(text) else {
                throw fail("must be a SHA-256 digest: 64 lowercase hex digits")
            }
        case .byteCount:
            guard let number = value.doubleValue, number >= 0, number <= 9_007_199_254_740_992, number.rounded() == number else {
                throw fail("must be a whole number of bytes, 0 or more")
            }
        case .moment:
            guard let text = value.stringValue, PartialDate(text) != nil || isTimestamp(text) else {
                throw fail("must be a date (YYYY, YYYY-MM, YYYY-MM-DD) or a date and time such as 2021-08-26T17:48:00Z")
            }
        }
    }

    static func checkText(_ text: String, field: String) throws {
        // Stops at the first visible character instead of copying the trimmed text.
        guard text.unicodeScalars.contains(where: { !blank.contains($0) }) else {
            throw ValidationError(field: field, rule: "must not be empty")
        }
        // A text has at most as many characters as UTF-8 bytes, so most texts need no grapheme count.
        guard text.utf8.count <= maxTextLength || text.count <= maxTextLength else {
            throw ValidationError(field: field, rule: "must be at most \(maxTextLength) characters")
        }
    }

    /// Whether `text` is a SHA-256 digest as Dossier writes it: 64 lowercase hex digits (so never a path either).
    public static func isSHA256(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Whether `text` is an RFC 3339 date and time (seconds, optional fractions, and a zone: Z or ±HH:MM).
    static func isTimestamp(_ text: String) -> Bool {
        (try? Date(text, strategy: Date.ISO8601FormatStyle())) != nil
            || (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))) != nil
    }

    static func isCountryCode(_ code: String) -> Bool {
        code.count == 2 && code.allSatisfy { $0.isASCII && $0.isUppercase } && knownRegions.contains(code)
    }

    private static let blank = CharacterSet.whitespacesAndNewlines

    private static let knownRegions: Set<String> = Set(Locale.Region.isoRegions.map(\.identifier))
}
