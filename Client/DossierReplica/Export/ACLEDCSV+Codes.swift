import DossierCore
import Foundation

// How Dossier's records become ACLED's coded columns (ACLED codebook). Each mapping is one function, so the README,
// the tests and this file name the same rules.

extension ACLEDCSV {
    /// The actor kinds coded as civilians (inter code 7) when they are targeted: a community, a person, the media.
    static let civilianKinds: Set<String> = ["community", "person", "media"]

    /// `event_date`: always `YYYY-MM-DD`; a month or a year is written as its first day (`time_precision` says how exact).
    static func eventDate(_ date: PartialDate) -> String {
        String(format: "%04d-%02d-%02d", date.year, date.month ?? 1, date.day ?? 1)
    }

    /// `time_precision`: 1 the day is known, 3 only the month or the year (ACLED's coarsest code). Dossier records no
    /// week, so ACLED's 2 ("within a week") is never written.
    static func timePrecision(_ date: PartialDate) -> Int {
        date.day != nil ? 1 : 3
    }

    /// `inter1`/`inter2`: the ACLED actor type of one side's first actor, nil when its kind is unknown here.
    /// The acting side of a protest is coded protesters (6) and of a riot rioters (5), whatever the actor's kind; otherwise
    /// state 1 (state forces), organisation 2 (rebel group), community 4 (identity militia) when acting and 7 (civilians)
    /// when targeted, person and media 7 (civilians), international_org 8 (external/other forces).
    static func interCode(kind: String?, acting: Bool, eventType: String?) -> Int? {
        if acting, eventType == "Protests" { return 6 }
        if acting, eventType == "Riots" { return 5 }
        switch kind {
        case "state": return 1
        case "organisation": return 2
        case "community": return acting ? 4 : 7
        case "person", "media": return 7
        case "international_org": return 8
        default: return nil
        }
    }

    /// `interaction`: the two inter codes with the smaller first ("17"); a sole actor's code followed by 0 ("20").
    static func interaction(_ first: Int, _ second: Int) -> String {
        let codes = [first, second].filter { $0 > 0 }.sorted()
        switch codes.count {
        case 2: return "\(codes[0])\(codes[1])"
        case 1: return "\(codes[0])0"
        default: return ""
        }
    }

    /// The `inter1`, `inter2` and `interaction` cells: empty when the incident has no actor on either side, 0 for a side
    /// without one, and all empty when a side's actor has a kind not known here (its record has not arrived).
    static func actorTypeCells(_ incident: ExportedIncident) -> (inter1: String, inter2: String, interaction: String) {
        let side1 = incident.participants(firstSideRoles).first
        let side2 = incident.participants(secondSideRoles).first
        guard side1 != nil || side2 != nil else { return ("", "", "") }
        let code1 = side1.map { interCode(kind: $0.kind, acting: true, eventType: incident.eventType) } ?? 0
        let code2 = side2.map { interCode(kind: $0.kind, acting: false, eventType: incident.eventType) } ?? 0
        guard let code1, let code2 else { return ("", "", "") }
        return (String(code1), String(code2), interaction(code1, code2))
    }

    /// `civilian_targeting`: violence against civilians, or a civilian actor (see `civilianKinds`) as target or victim.
    static func targetsCivilians(_ incident: ExportedIncident) -> Bool {
        incident.eventType == "Violence against civilians"
            || incident.participants.contains { secondSideRoles.contains($0.role) && civilianKinds.contains($0.kind ?? "") }
    }

    /// `geo_precision`: 1 with coordinates, 2 with a province (admin1) but no coordinates, 3 with the country alone.
    static func geoPrecision(_ incident: ExportedIncident) -> Int {
        if incident.location != nil { return 1 }
        return incident.admin1 != nil ? 2 : 3
    }

    /// `event_id_cnty`: the country's alpha-3 code ("XXX" when unknown) and 20 digits of a 64-bit FNV-1a hash of the
    /// record id, so every replica writes the same id for the same incident.
    static func eventID(_ incident: ExportedIncident) -> String {
        let prefix = incident.country.flatMap(ACLEDCountries.country)?.alpha3 ?? "XXX"
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in incident.id.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash)
        return prefix + String(repeating: "0", count: 20 - digits.count) + digits
    }
}
