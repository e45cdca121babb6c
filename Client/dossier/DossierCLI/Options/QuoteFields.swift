import ArgumentParser
import DossierCore

/// A quote's own editable fields, for `quote add` and `quote edit` (its source is set once, by `add`).
struct QuoteFields: FieldOptions {
    static let entity = EntityKind.quote

    @Option(help: "Who said it: a name as printed, or an actor id (required to add).") var speaker: String?
    @Option(help: "The speaker's role as printed (\"France 24 journalist\").") var speakerRole: String?
    @Option(help: "The words, verbatim (required to add).") var text: String?
    @Option(help: ArgumentHelp("Read the words from a file ('-' for standard input), for long quotes.", valueName: "path"))
    var textFile: String?
    @Option(help: "When it was said: YYYY, YYYY-MM or YYYY-MM-DD.") var saidOn: String?

    var textFiles: [(field: String, option: String, path: String?)] { [("text", "--text-file", textFile)] }

    func validate() throws { try refuseTextAndFile() }

    var texts: [(field: String, text: String?)] {
        [("speaker", speaker), ("speaker_role", speakerRole), ("text", text), ("said_on", saidOn)]
    }
}
