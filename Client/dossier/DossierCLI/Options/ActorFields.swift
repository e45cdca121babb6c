import ArgumentParser
import DossierCore

/// An actor's own fields, for `actor add` and `actor edit`.
struct ActorFields: FieldOptions {
    static let entity = EntityKind.actor

    @Option(help: "The name most sources use (required to add).") var name: String?
    @Option(help: "\(Vocabulary.actorKinds.joined(separator: ", ")) (required to add).") var kind: String?
    @Option(help: "A short description.") var description: String?

    var texts: [(field: String, text: String?)] { [("name", name), ("kind", kind), ("description", description)] }
}
