import DossierCore
import Foundation

/// Dataset-wide look-ups shared by the exports: the records to export and the names behind ids.
struct ExportLookup {
    /// The dataset exported.
    let dataset: Dataset

    /// The records of one kind to export, by id: created (their creation has arrived) and not deleted.
    func live(_ entity: EntityKind) -> [RecordState] {
        dataset.records.values
            .filter { $0.key.entity == entity && $0.creation != nil && !$0.isDeleted }
            .sorted { $0.key.id < $1.key.id }
    }

    /// The incidents to export, in (date, id) order.
    var incidents: [ExportedIncident] {
        live(.incident).map { ExportedIncident($0, in: self) }.sorted { ($0.dateSortKey, $0.id) < ($1.dateSortKey, $1.id) }
    }

    /// The values of a record of a kind, deleted or not (a reference still names it), if known.
    func values(_ entity: EntityKind, _ id: String) -> ExportValues? {
        dataset[RecordKey(entity: entity, id: id)].map(ExportValues.init)
    }

    /// An actor's name, or the id when the actor is unknown here.
    func actorName(_ id: String) -> String {
        values(.actor, id)?.text("name") ?? id
    }

    /// A source's title, or the id when the source is unknown here.
    func sourceTitle(_ id: String) -> String {
        values(.source, id)?.text("title") ?? id
    }

    /// A source as ACLED's `source` column names it: the outlet, else the title, else the id.
    func sourceOutlet(_ id: String) -> String {
        values(.source, id).flatMap { $0.text("outlet") ?? $0.text("title") } ?? id
    }

    /// A short label for any record by id: an incident's or source's title, an actor's name, a quote's text.
    func label(of id: String) -> (entity: EntityKind, text: String)? {
        for entity in EntityKind.allCases {
            guard let record = values(entity, id), record.state.creation != nil else { continue }
            let text = record.text("title") ?? record.text("name") ?? record.text("text") ?? record.text("kind") ?? id
            return (entity, text)
        }
        return nil
    }

    /// The English name of an ISO 3166-1 alpha-2 code, or the code when it has none.
    static func countryName(_ code: String) -> String {
        Locale(identifier: "en_US").localizedString(forRegionCode: code) ?? code
    }
}
