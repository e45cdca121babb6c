import ArgumentParser
import DossierCore
import DossierReplica

/// An incident's own fields, for `incident add` and `incident edit`.
struct IncidentFields: FieldOptions {
    static let entity = EntityKind.incident

    @Option(help: "A short title (required to add).") var title: String?
    @Option(help: "When it happened: YYYY, YYYY-MM or YYYY-MM-DD (required to add).") var date: String?
    @Option(help: "The place as stated, e.g. \"Kabul airport\" (required to add).") var place: String?
    @Option(help: "ACLED event type, e.g. \"Explosions/Remote violence\" (required to add).") var eventType: String?
    @Option(help: "ACLED sub-event type, e.g. \"Suicide bomb\".") var subEventType: String?
    @Option(help: "First-level region (province).") var admin1: String?
    @Option(help: "ISO 3166 alpha-2 country code (AF).") var country: String?
    @Option(help: "Latitude, WGS84 (with --lon).") var lat: Double?
    @Option(help: "Longitude, WGS84 (with --lat).") var lon: Double?
    @Option(help: "A summary.") var summary: String?
    @Option(help: ArgumentHelp("Read the summary from a file ('-' for standard input), for long texts.", valueName: "path"))
    var summaryFile: String?
    @Option(help: "\(Vocabulary.reviewStatuses.joined(separator: ", ")) (a new incident is a draft).") var reviewStatus: String?

    var texts: [(field: String, text: String?)] {
        [("title", title), ("date", date), ("place", place), ("event_type", eventType), ("sub_event_type", subEventType),
         ("admin1", admin1), ("country", country), ("summary", summary), ("review_status", reviewStatus)]
    }

    var textFiles: [(field: String, option: String, path: String?)] { [("summary", "--summary-file", summaryFile)] }

    func validate() throws { try refuseTextAndFile() }

    func typedValues() throws -> [(field: String, value: JSONValue)] {
        try FieldText.location(lat: lat, lon: lon).map { [("location", $0)] } ?? []
    }
}
