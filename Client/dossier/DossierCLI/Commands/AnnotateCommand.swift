import ArgumentParser
import DossierCore
import DossierReplica

/// `dossier annotate ID --note TEXT | --question TEXT | --review TEXT | --credibility B --rationale R`.
struct AnnotateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "annotate",
        abstract: "Annotate an incident, quote, source or actor; prints the annotation's id on the last line.")
    @OptionGroup var replica: ReplicaOptions
    @Argument(help: "The record's id (a unique prefix is enough).") var id: String
    @Option(help: "A note.") var note: String?
    @Option(help: ArgumentHelp("Read a note from a file ('-' for standard input), for long notes.", valueName: "path")) var noteFile: String?
    @Option(help: "A question for the team.") var question: String?
    @Option(help: "A review comment.") var review: String?
    @Option(help: "Your credibility grade, A (best) to F.") var credibility: String?
    @Option(help: "Why you gave that grade.") var rationale: String?
    @Option(name: .customLong("tag"), help: "A tag (repeatable).") var tags: [String] = []

    func validate() throws {
        let given = [note, noteFile, question, review, credibility].compactMap { $0 }.count
        guard given == 1 else { throw UsageError("give exactly one of --note, --note-file, --question, --review or --credibility") }
    }

    func run() throws {
        let replica = try replica.open()
        var draft = RecordDraft(.annotation)
        draft.set("target", text: try replica.resolve(id).id)
        draft.set("tags", elements: tags)
        if let credibility {
            draft.set("kind", text: "credibility")
            draft.set("body", text: rationale)
            draft.set("credibility", FieldText.assessment(grade: credibility, rationale: rationale))
        } else {
            let written = try note ?? noteFile.map { try LongText.read($0, option: "--note-file") }
            let (kind, body) = written.map { ("note", $0) } ?? question.map { ("question", $0) } ?? ("review", review ?? "")
            draft.set("kind", text: kind)
            draft.set("body", text: body)
        }
        print(try replica.create(draft).record)
    }
}

/// `dossier annotation edit ID --body T | --body-file F | --resolve | --reopen`.
struct AnnotationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "annotation", abstract: "Edit annotations: their text, and whether they are resolved.",
                                                    subcommands: [Edit.self])

    /// `dossier annotation edit ID`.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change an annotation's text, or mark it resolved or open again.")
        @OptionGroup var replica: ReplicaOptions
        @Argument(help: "The annotation's id (a unique prefix or ending is enough).") var id: String
        @Option(help: "The new text.") var body: String?
        @Option(help: ArgumentHelp("Read the new text from a file ('-' for standard input).", valueName: "path")) var bodyFile: String?
        @Flag(help: "Mark it resolved (a question answered, a note dealt with).") var resolve = false
        @Flag(help: "Mark it open again.") var reopen = false

        func validate() throws {
            guard body == nil || bodyFile == nil else { throw UsageError("give --body or --body-file, not both") }
            guard !(resolve && reopen) else { throw UsageError("give --resolve or --reopen, not both") }
            guard body != nil || bodyFile != nil || resolve || reopen else { throw UsageError("give --body, --body-file, --resolve or --reopen") }
        }

        func run() throws {
            let replica = try replica.open()
            var plan = EditPlan()
            if let text = try body ?? bodyFile.map({ try LongText.read($0, option: "--body-file") }) { plan.set("body", .string(text)) }
            if resolve || reopen { plan.set("resolved", .bool(resolve)) }
            let key = try replica.resolve(id, as: .annotation)
            try replica.apply(plan, to: key)
            print(key.id)
        }
    }
}

/// `dossier delete ID`.
struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete",
        abstract: "Delete a record (a tombstone). If a colleague edits it concurrently, it is kept and a conflict opened.")
    @OptionGroup var replica: ReplicaOptions
    @Argument(help: "The record's id (a unique prefix is enough).") var id: String

    func run() throws {
        let replica = try replica.open()
        let key = try replica.resolve(id)
        try replica.edit(key) { try Edit.delete($0) }
        print(key.id)
    }
}

/// `dossier restore ID`.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore", abstract: "Keep a deleted record (undoes the deletion).")
    @OptionGroup var replica: ReplicaOptions
    @Argument(help: "The record's id (a unique prefix is enough).") var id: String

    func run() throws {
        let replica = try replica.open()
        let key = try replica.resolve(id)
        try replica.edit(key) { try Edit.restore($0) }
        print(key.id)
    }
}
