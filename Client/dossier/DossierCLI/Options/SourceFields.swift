import ArgumentParser
import DossierCore

/// A source's own fields, for `source add` and `source edit`.
struct SourceFields: FieldOptions {
    static let entity = EntityKind.source

    @Option(help: "The title as published (required to add).") var title: String?
    @Option(help: "\(Vocabulary.sourceKinds.joined(separator: ", ")) (required to add).") var kind: String?
    @Option(help: "The outlet (France 24, Al Jazeera…).") var outlet: String?
    @Option(help: "Where it is published.") var url: String?
    @Option(help: "Publication date: YYYY, YYYY-MM or YYYY-MM-DD.") var published: String?
    @Option(help: "Language code (en, fr…).") var language: String?

    var texts: [(field: String, text: String?)] {
        [("title", title), ("kind", kind), ("outlet", outlet), ("url", url), ("published", published), ("language", language)]
    }
}
