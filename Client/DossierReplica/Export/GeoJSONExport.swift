import DossierCore
import Foundation

// Positions are `[longitude, latitude]` in WGS84, as RFC 7946 requires; no `crs` member (RFC 7946 removed it).
// No feature-level `id` either: GDAL would turn a string id into a second id column; `dossier_id` carries it.

/// The GeoJSON export (RFC 7946): a FeatureCollection with one Point per incident that has coordinates.
enum GeoJSONExport {
    /// The document and the number of incidents left out for lack of coordinates.
    static func data(_ dataset: Dataset) -> (data: Data, skipped: Int) {
        let (collection, skipped) = featureCollection(dataset)
        var data = CanonicalJSON.encode(collection)
        data.append(0x0A)
        return (data, skipped)
    }

    /// The FeatureCollection as a JSON value, features in (date, id) order, and the count of incidents left out.
    static func featureCollection(_ dataset: Dataset) -> (collection: JSONValue, skipped: Int) {
        let incidents = ExportLookup(dataset: dataset).incidents
        let features = incidents.compactMap(feature)
        let collection: JSONValue = .object(["type": "FeatureCollection", "features": .array(features)])
        return (collection, incidents.count - features.count)
    }

    /// One incident as a Feature, nil when it has no coordinates.
    static func feature(_ incident: ExportedIncident) -> JSONValue? {
        guard let location = incident.location else { return nil }
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        func number(_ value: Int64?) -> JSONValue { value.map(JSONValue.int) ?? .null }
        let properties: [String: JSONValue] = [
            "dossier_id": .string(incident.id),
            "title": .string(incident.title),
            "date": text(incident.date),
            "place": text(incident.place),
            "country": text(incident.country),
            "event_type": text(incident.eventType),
            "sub_event_type": text(incident.subEventType),
            "fatalities_low": number(incident.killed?.low),
            "fatalities_high": number(incident.killed?.high),
            "wounded_low": number(incident.wounded?.low),
            "wounded_high": number(incident.wounded?.high),
            "disputed": .bool(incident.disputed),
            "tags": .array(incident.tags.map(JSONValue.string)),
        ]
        return .object([
            "type": "Feature",
            "geometry": .object(["type": "Point", "coordinates": .array([location.lonJSON, location.latJSON])]),
            "properties": .object(properties),
        ])
    }
}
