import DossierCore

/// A record's current values as the exports read them: winning values, set elements, coordinates.
struct ExportValues {
    /// The record read.
    let state: RecordState

    /// The record's id.
    var id: String { state.key.id }

    /// The current value of a field (`null` when never set).
    func value(_ name: String) -> JSONValue {
        state.fields[name]?.currentValue ?? .null
    }

    /// The current text of a field, nil when unset or empty.
    func text(_ name: String) -> String? {
        guard let text = value(name).stringValue, !text.isEmpty else { return nil }
        return text
    }

    /// The elements of a set field, sorted.
    func elements(_ name: String) -> [String] {
        guard case .set(let set)? = state.fields[name] else { return [] }
        return set.elements
    }

    /// The `location` field as numbers, with the stored JSON numbers (so exports keep their exact form).
    var location: (lat: Double, lon: Double, latJSON: JSONValue, lonJSON: JSONValue)? {
        guard let object = value("location").objectValue, let latJSON = object["lat"], let lonJSON = object["lon"],
              let lat = latJSON.doubleValue, let lon = lonJSON.doubleValue, lat.isFinite, lon.isFinite
        else { return nil }
        return (lat, lon, latJSON, lonJSON)
    }

    /// The claims in force of one kind (`killed` or `wounded`), in claim order.
    func activeClaims(_ kind: String) -> [ClaimSet.Entry] {
        guard case .claims(let claims)? = state.fields["casualties"] else { return [] }
        return claims.activeEntries.filter { $0.claim.kind == kind }
    }

    /// The per-author entries of a field (assessments), by author.
    func perAuthor(_ name: String) -> [(author: String, value: JSONValue)] {
        guard let object = value(name).objectValue else { return [] }
        return object.keys.sorted().compactMap { author in
            object[author].flatMap { $0.isNull ? nil : (author, $0) }
        }
    }
}
