import ArgumentParser
import DossierCore
import DossierEvidence
import DossierReplica
import Foundation

/// `dossier show ID [--history]`.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show",
        abstract: "Show a record by name, its related records, its conflicts and optionally its history.")
    @OptionGroup var replica: ReplicaOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The record's id (a unique prefix is enough).") var id: String
    @Flag(help: "Also show every change: who, when, from which replica, what its author had seen and what they wrote.")
    var history = false

    /// The JSON document of `show --json`.
    struct Document: Encodable {
        var record: RecordView
        var related: [RelatedRecord]
        var history: [RecordHistory.Entry]?
    }

    /// The headings of related records, by relation.
    static let relationHeadings = ["annotation": "annotations", "evidence": "evidence", "cites": "cited by", "appears_in": "appears in",
                                   "spoke": "said", "quotes": "quoted in"]

    func run() throws {
        let replica = try replica.open()
        let key = try replica.resolve(id)
        // History names whatever records its changes ever mentioned, so it reads them all; otherwise only the neighbourhood.
        let (dataset, short) = history ? (try replica.dataset(), nil) : try replica.neighbourhood(of: key)
        guard let state = dataset[key] else { throw ReplicaError.notFound(id) }
        let view = RecordView(state, in: dataset)
        let related = dataset.related(to: key)
        let entries = history ? try replica.history(of: key).entries : nil
        if output.json { return Output.json(Document(record: view, related: related, history: entries)) }
        let text = RecordText(dataset, short: short)
        Output.line("\(view.entity.rawValue) \(view.id)\(view.deleted ? "  (deleted)" : "")\(view.orphan ? "  (orphan: its target is gone)" : "")")
        Output.line("  created by \(view.createdBy ?? "?") at \(view.createdAt ?? "?")")
        printFields(of: view, text)
        printClaims(of: view, state, text)
        if key.entity == .evidence { Self.printEmbedded(replica, key) }
        for conflict in view.conflicts {
            Output.line("  CONFLICT on \(conflict.field) — resolve with: dossier resolve \(text.short(view.id)) \(conflict.field) --pick N")
            Output.candidates(of: conflict, indent: "    ")
        }
        printRelated(related, text, kept: replica.evidenceFolder)
        if let entries {
            Output.line("  history (what each author had seen → what they wrote):")
            for entry in entries { Output.line("    " + text.history(entry, of: key)) }
        }
    }

    /// A photo's or video's embedded capture time, GPS position and device, read by exiftool from the kept file.
    static func printEmbedded(_ replica: Replica, _ key: RecordKey) {
        do {
            guard let found = try replica.embeddedMetadata(of: key) else { return }
            guard !found.isEmpty else { return Output.line("  embedded metadata: none (no capture time, GPS or device in the file)") }
            Output.line("  embedded metadata (exiftool):")
            if let time = found.capturedAt { Output.line("    captured: \(time)") }
            if let lat = found.latitude, let lon = found.longitude { Output.line("    GPS: \(lat),\(lon)") }
            if let device = found.device { Output.line("    device: \(VisibleText.of(device))") }
        } catch {
            Output.line("  embedded metadata: \(error)")
        }
    }

    /// The UTC day of a version, YYYY-MM-DD, as partial dates are written.
    static func day(_ version: HLC) -> String { String(ISO8601DateFormatter().string(from: version.date).prefix(10)) }

    private func printFields(of view: RecordView, _ text: RecordText) {
        for spec in FieldRules.fields(of: view.entity) where spec.merge != .claims {
            let value = view.fields[spec.name] ?? .null
            if value == .null || value == .array([]) || value == .object([:]) { continue }
            if spec.type == .text, let string = value.stringValue, string.contains(where: \.isNewline) {
                Output.line("  \(spec.name):")
                let lines = VisibleText.of(string, lineBreaks: true).split(separator: "\n", omittingEmptySubsequences: false)
                for line in lines { Output.line("    \(line)") }
            } else {
                Output.line("  \(spec.name): \(text.value(value, field: spec.name, of: view.entity))")
            }
        }
    }

    private func printClaims(of view: RecordView, _ state: RecordState, _ text: RecordText) {
        for (kind, summary) in view.casualties.sorted(by: { $0.key < $1.key }) {
            Output.line("  \(kind): \(summary.display)")
            for figure in summary.figures {
                let source = text.name(figure.source, among: [.source])
                Output.line("    \(CasualtyClaim.Figure(low: figure.low, high: figure.high)) (\(figure.qualifier)) — \(source)")
            }
        }
        // In the order they were reported: a claim's as_of, else the day it was entered.
        let claims = state.claimLines.sorted { ($0.claim.asOf ?? Self.day($0.id), $0.id) < ($1.claim.asOf ?? Self.day($1.id), $1.id) }
        if !claims.isEmpty { Output.line("  claims (retract one with: dossier incident retract ID CLAIM):") }
        for line in claims {
            Output.line("    \(line.id)  \(text.claim(line.claim)), by \(line.author)\(line.retracted ? "  [retracted]" : "")")
        }
    }

    private func printRelated(_ related: [RelatedRecord], _ text: RecordText, kept: EvidenceFolder) {
        var heading: String?
        for record in related {
            let title = Self.relationHeadings[record.relation] ?? record.relation
            if title != heading {
                Output.line("  \(title):")
                heading = title
            }
            if record.entity == .evidence, let digest = record.sha256.flatMap(ContentDigest.init(hex:)) {
                let here = kept.contains(digest) ? "here" : "not fetched"
                Output.line("    \(record.kind ?? "file") [\(text.short(record.id))] \(record.label) — \(record.size ?? 0) bytes, sha256 \(digest.hex.prefix(12))…, \(here)")
            } else if record.entity == .annotation {
                let kind = record.kind ?? "note"
                Output.line("    \(kind) [\(text.short(record.id))] (\(record.state ?? "open")) by \(record.author ?? "?"): \(record.label)")
            } else {
                let role = record.role.map { " (\($0.replacingOccurrences(of: "_", with: " ")))" } ?? ""
                Output.line("    \(record.entity.rawValue) [\(text.short(record.id))] \(record.label)\(role)")
            }
        }
    }
}
