import DossierCore
import Foundation

/// An incident's current values, typed, with its actors and sources resolved: what every export shows.
struct ExportedIncident {
    /// One actor of the incident, with its role.
    struct Participant {
        /// The actor's id.
        let id: String
        /// Its role: perpetrator, target, victim, claimed_by or associated.
        let role: String
        /// The actor's name (the id when the actor is unknown).
        let name: String
        /// The actor's kind, when known.
        let kind: String?
    }

    /// The incident's record.
    let values: ExportValues
    /// The title.
    let title: String
    /// The partial date as stored (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    let date: String?
    /// The place as stated.
    let place: String?
    /// The first-level administrative division.
    let admin1: String?
    /// The ISO 3166-1 alpha-2 country code.
    let country: String?
    /// The ACLED event type.
    let eventType: String?
    /// The ACLED sub-event type.
    let subEventType: String?
    /// The summary.
    let summary: String?
    /// The actors in set order (by actor id).
    let participants: [Participant]
    /// The source ids, sorted.
    let sources: [String]
    /// The tags, sorted.
    let tags: [String]
    /// The review status.
    let reviewStatus: String
    /// The killed range over the claims in force.
    let killed: CasualtySummary?
    /// The wounded range over the claims in force.
    let wounded: CasualtySummary?

    /// Reads an incident.
    init(_ state: RecordState, in lookup: ExportLookup) {
        let values = ExportValues(state: state)
        self.values = values
        title = values.text("title") ?? state.key.id
        date = values.text("date")
        place = values.text("place")
        admin1 = values.text("admin1")
        country = values.text("country")
        eventType = values.text("event_type")
        subEventType = values.text("sub_event_type")
        summary = values.text("summary")
        participants = values.elements("actors").compactMap { element in
            guard let colon = element.lastIndex(of: ":") else { return nil }
            let id = String(element[..<colon])
            let actor = lookup.values(.actor, id)
            return Participant(id: id, role: String(element[element.index(after: colon)...]),
                               name: actor?.text("name") ?? id, kind: actor?.text("kind"))
        }
        sources = values.elements("sources")
        tags = values.elements("tags")
        reviewStatus = values.text("review_status") ?? "draft"
        killed = state.casualties("killed")
        wounded = state.casualties("wounded")
    }

    /// The full id.
    var id: String { values.id }
    /// The date as a partial date, when it parses.
    var partialDate: PartialDate? { date.flatMap(PartialDate.init) }
    /// The sort key for (date, id) order; an undated incident sorts first.
    var dateSortKey: String { date ?? "" }
    /// The coordinates, when the incident has them.
    var location: (lat: Double, lon: Double, latJSON: JSONValue, lonJSON: JSONValue)? { values.location }
    /// The country's English name, when the incident has a country.
    var countryName: String? { country.map(ExportLookup.countryName) }
    /// True when the killed or the wounded claims disagree.
    var disputed: Bool { (killed?.disputed ?? false) || (wounded?.disputed ?? false) }
    /// When the incident was created, in Unix seconds.
    var createdSeconds: Int64? { values.state.creation.map { $0.version.millis / 1000 } }

    /// The participants with any of these roles, in role order then set order, each actor once.
    func participants(_ roles: [String]) -> [Participant] {
        var seen: Set<String> = []
        return roles.flatMap { role in participants.filter { $0.role == role } }.filter { seen.insert($0.id).inserted }
    }
}
