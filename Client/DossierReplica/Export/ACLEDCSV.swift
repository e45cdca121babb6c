import CSV
import DossierCore
import Foundation

// Columns Dossier has no data for (admin2, admin3, source_scale) are left empty; the coded columns follow the rules in
// ACLEDCSV+Codes.swift. Contested fields export their current (winning) value.

/// The CSV export: one row per incident under ACLED's column names, then Dossier's own columns.
enum ACLEDCSV {
    /// ACLED's columns, in ACLED's order.
    static let acledColumns = [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
        "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
        "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
        "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    ]
    /// Dossier's own columns, after ACLED's.
    static let dossierColumns = ["fatalities_low", "fatalities_high", "wounded_low", "wounded_high", "disputed", "dossier_id"]
    /// The header row.
    static let columns = acledColumns + dossierColumns

    /// The roles that make an actor ACLED's `actor1` side, in preference order.
    static let firstSideRoles = ["perpetrator", "claimed_by"]
    /// The roles that make an actor ACLED's `actor2` side, in preference order.
    static let secondSideRoles = ["target", "victim"]
    /// How multiple values share one cell.
    static let separator = "; "

    /// The CSV document (RFC 4180: CRLF between rows and after the last, quoting by CSV.swift), sorted by (date, id).
    static func data(_ dataset: Dataset) -> Data {
        let lookup = ExportLookup(dataset: dataset)
        return encode([columns] + lookup.incidents.map { row($0, lookup: lookup) })
    }

    /// One incident's row, in `columns` order.
    static func row(_ incident: ExportedIncident, lookup: ExportLookup) -> [String] {
        let side1 = incident.participants(firstSideRoles).map(\.name)
        let side2 = incident.participants(secondSideRoles).map(\.name)
        let location = incident.location
        let country = incident.country.flatMap(ACLEDCountries.country)
        let actorTypes = actorTypeCells(incident)
        var sourceNames: [String] = []
        for name in incident.sources.map(lookup.sourceOutlet) where !sourceNames.contains(name) { sourceNames.append(name) }
        let cells: [String: String] = [
            "event_id_cnty": eventID(incident),
            "event_date": incident.partialDate.map(eventDate) ?? "",
            "year": incident.partialDate.map { String($0.year) } ?? "",
            "time_precision": incident.partialDate.map { String(timePrecision($0)) } ?? "",
            "disorder_type": incident.eventType.flatMap(disorderType) ?? "",
            "event_type": incident.eventType ?? "",
            "sub_event_type": incident.subEventType ?? "",
            "actor1": side1.first ?? "",
            "assoc_actor_1": side1.dropFirst().joined(separator: separator),
            "inter1": actorTypes.inter1,
            "actor2": side2.first ?? "",
            "assoc_actor_2": side2.dropFirst().joined(separator: separator),
            "inter2": actorTypes.inter2,
            "interaction": actorTypes.interaction,
            "civilian_targeting": targetsCivilians(incident) ? "Civilian targeting" : "",
            "iso": country.map { String($0.numeric) } ?? "",
            "region": country?.region ?? "",
            "country": incident.countryName ?? "",
            "admin1": incident.admin1 ?? "",
            "location": incident.place ?? "",
            "latitude": location.map { coordinate($0.lat) } ?? "",
            "longitude": location.map { coordinate($0.lon) } ?? "",
            "geo_precision": String(geoPrecision(incident)),
            "source": sourceNames.joined(separator: separator),
            "notes": incident.summary ?? "",
            "fatalities": incident.killed.map { String($0.low) } ?? "",
            "tags": incident.tags.joined(separator: separator),
            "timestamp": incident.createdSeconds.map(String.init) ?? "",
            "fatalities_low": incident.killed.map { String($0.low) } ?? "",
            "fatalities_high": incident.killed.map { String($0.high) } ?? "",
            "wounded_low": incident.wounded.map { String($0.low) } ?? "",
            "wounded_high": incident.wounded.map { String($0.high) } ?? "",
            "disputed": incident.disputed ? "true" : "false",
            "dossier_id": incident.id,
        ]
        return columns.map { cells[$0] ?? "" }
    }

    /// ACLED's disorder type for an event type.
    static func disorderType(_ eventType: String) -> String? {
        switch eventType {
        case "Battles", "Explosions/Remote violence", "Violence against civilians": "Political violence"
        case "Protests", "Riots": "Demonstrations"
        case "Strategic developments": "Strategic developments"
        default: nil
        }
    }

    /// A coordinate in plain decimal notation (never exponent notation, which some GIS readers reject).
    static func coordinate(_ value: Double) -> String {
        let text = "\(value)"
        guard text.contains("e") else { return text }
        var fixed = String(format: "%.10f", value)
        while fixed.hasSuffix("0") { fixed.removeLast() }
        if fixed.hasSuffix(".") { fixed.removeLast() }
        return fixed == "-0" ? "0" : fixed
    }

    /// Rows as CSV through CSV.swift's writer, which quotes fields holding a comma, a quote or a line break.
    static func encode(_ rows: [[String]]) -> Data {
        let stream = OutputStream.toMemory()
        do {
            let writer = try CSVWriter(stream: stream, newline: .crlf)
            for row in rows { try writer.write(row: row) }
            var data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
            // The writer puts line breaks between rows only; end the last row too.
            if !rows.isEmpty { data.append(contentsOf: Array(writer.configuration.newline.utf8)) }
            return data
        } catch {
            // Writing to memory does not fail; if it ever did, an export must not pass off a partial file as whole.
            preconditionFailure("writing CSV to memory failed: \(error)")
        }
    }
}
