import DossierCore
import Foundation
import Hummingbird

/// The incident list's filters as the page's form sends them (`?from=2021&to=2022-06&type=…&place=…&actor=…&tag=…
/// &status=…&q=…&page=N`), turned into the CLI list's `RecordFilter` (partial-date ranges included) plus a text search
/// over titles and places; an actor is found by name or id.
struct IncidentQuery: Sendable {
    /// Rows per page.
    static let pageSize = 50

    /// The values as typed, for the form and the page links.
    let values: [String: String]
    /// The filter.
    let filter: RecordFilter
    /// Words every listed incident's title or place contains (case and accents ignored).
    let words: [String]
    /// The page, from 0.
    let page: Int

    /// Reads the query parameters; a value that is not a date or a number is ignored, as an empty field would be.
    init(_ parameters: Parameters) {
        var values: [String: String] = [:]
        for name in ["from", "to", "type", "place", "actor", "tag", "status", "q"] {
            if let value = parameters[Substring(name)].map(String.init)?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
                values[name] = value
            }
        }
        self.values = values
        var filter = RecordFilter(entity: .incident)
        filter.since = values["from"].flatMap(PartialDate.init)
        filter.until = values["to"].flatMap(PartialDate.init)
        filter.eventType = values["type"]
        filter.place = values["place"]
        filter.tag = values["tag"]
        filter.status = values["status"]
        self.filter = filter
        words = (values["q"] ?? "").split(separator: " ").map { Self.fold(String($0)) }
        page = max(0, Int(parameters["page"] ?? "") ?? 0)
    }

    /// Whether an entry's title or place holds every word, and it names one of `actors` (when an actor was asked for).
    func matches(_ entry: ListingEntry, actors: Set<String>?) -> Bool {
        if let actors, !entry.actors.contains(where: { actors.contains(String($0.prefix { $0 != ":" })) }) { return false }
        guard !words.isEmpty else { return true }
        let text = Self.fold(entry.label + " " + (entry.place ?? ""))
        return words.allSatisfy(text.contains)
    }

    /// The actors the form's actor field names: those whose name contains it (case and accents ignored), or whose id
    /// starts with it; nil when the field is empty.
    func actors(among entries: [ListingEntry]) -> Set<String>? {
        guard let wanted = values["actor"] else { return nil }
        let folded = Self.fold(wanted)
        return Set(entries.filter { Self.fold($0.label).contains(folded) || $0.id.hasPrefix(wanted.lowercased()) }.map(\.id))
    }

    /// The link to another page of the same list.
    func link(page: Int) -> String {
        var components = URLComponents()
        components.path = "/incidents"
        components.queryItems = values.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
            + [URLQueryItem(name: "page", value: String(page))]
        return components.string ?? "/incidents"
    }

    private static func fold(_ text: String) -> String { text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }
}
