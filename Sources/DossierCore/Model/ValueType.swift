/// The type a field's value (or, for sets, each element) must have.
public enum ValueType: Sendable, Equatable {
    /// Non-empty text.
    case text
    /// One word of a fixed vocabulary.
    case choice([String])
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    case partialDate
    /// ISO 3166-1 alpha-2 country code.
    case country
    /// `true` or `false`.
    case bool
    /// The id of a record of one of these kinds.
    case reference([EntityKind])
    /// `{"lat": …, "lon": …}` in WGS84.
    case location
    /// `{"grade": "A"…"F", "rationale": …}`.
    case assessment
    /// `ACTOR_ID:role`.
    case actorRole
    /// A casualty claim (see `CasualtyClaim`).
    case casualtyClaim
    /// A SHA-256 digest: 64 lowercase hex digits.
    case sha256
    /// A whole number of bytes, 0 or more.
    case byteCount
    /// A partial date, or a date and time in RFC 3339 (`2021-08-26T17:48:00Z`, `2021-08-26T22:18+04:30`).
    case moment
}
