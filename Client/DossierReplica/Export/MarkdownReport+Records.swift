import DossierCore
import Foundation

extension MarkdownReport {
    /// Every quote: its words as a block quote, who said them, where and when.
    var quoteSection: [String] {
        section("Quotes", lookup.live(.quote).map { state in
            let quote = ExportValues(state: state)
            var lines = [MarkdownText.blockquote(quote.text("text") ?? ""), ""]
            var attribution = [speaker(quote.text("speaker")), quote.text("speaker_role")].compactMap { $0 }.joined(separator: ", ")
            if attribution.isEmpty { attribution = "speaker not stated" }
            var line = "— " + MarkdownText.inline(attribution)
            if let source = quote.text("source") { line += ", in " + MarkdownText.emphasis(lookup.sourceTitle(source)) }
            if let saidOn = quote.text("said_on") { line += ", " + MarkdownText.inline(saidOn) }
            lines.append(line)
            let incidents = quote.elements("incidents").map { lookup.values(.incident, $0)?.text("title") ?? $0 }
            lines.append("")
            if !incidents.isEmpty { lines.append("- **Incidents:** " + incidents.map(MarkdownText.emphasis).joined(separator: "; ")) }
            lines += tagLine(quote.elements("tags"))
            lines.append("- **Id:** `\(quote.id)`")
            return lines + conflicts(state)
        })
    }

    /// Every actor: name, kind, aliases and description.
    var actorSection: [String] {
        section("Actors", spaced: false, sortedByLabel(lookup.live(.actor), "name").map { state in
            let actor = ExportValues(state: state)
            var line = "- **" + MarkdownText.inline(actor.text("name") ?? actor.id) + "**"
            line += " (" + MarkdownText.inline((actor.text("kind") ?? "kind not stated").replacingOccurrences(of: "_", with: " ")) + ")"
            let aliases = actor.elements("aliases")
            if !aliases.isEmpty { line += ", also known as " + MarkdownText.inline(aliases.joined(separator: ", ")) }
            if let description = actor.text("description") { line += ": " + MarkdownText.inline(description) }
            return [line + " — `\(actor.id)`"]
        })
    }

    /// Every source: title, outlet, publication date, language, kind, link, tags and reliability grades.
    var sourceSection: [String] {
        section("Sources", spaced: false, sortedByLabel(lookup.live(.source), "title").map { state in
            let source = ExportValues(state: state)
            var line = "- " + MarkdownText.emphasis(source.text("title") ?? source.id)
            let details = [source.text("outlet"), source.text("published").map { "published " + $0 }, source.text("language"),
                           source.text("kind")].compactMap { $0 }
            if !details.isEmpty { line += " — " + MarkdownText.inline(details.joined(separator: ", ")) }
            if let url = source.text("url") { line += ", " + MarkdownText.link(url) }
            var lines = [line + " — `\(source.id)`"]
            let tags = source.elements("tags")
            if !tags.isEmpty { lines.append("  - **Tags:** " + MarkdownText.inline(tags.joined(separator: ", "))) }
            lines += assessments("Reliability", source)
            return lines
        })
    }

    /// Every annotation: kind, what it is about, author, body; orphans (target deleted) are marked.
    var annotationSection: [String] {
        section("Annotations", spaced: false, lookup.live(.annotation).map { state in
            let note = ExportValues(state: state)
            var line = "- **" + MarkdownText.inline(note.text("kind") ?? "note") + "** on "
            if let target = note.text("target") {
                if let label = lookup.label(of: target) {
                    line += label.entity.rawValue + " " + MarkdownText.emphasis(label.text)
                } else {
                    line += "`\(target)`"
                }
            }
            if lookup.dataset.isOrphan(state) { line += " (orphan: its target was deleted)" }
            if let author = state.creation?.author { line += ", by " + MarkdownText.inline(author) }
            if let body = note.text("body") { line += ": " + MarkdownText.inline(body) }
            if note.value("resolved").boolValue == true { line += " (resolved)" }
            var lines = [line + " — `\(note.id)`"]
            let tags = note.elements("tags")
            if !tags.isEmpty { lines.append("  - **Tags:** " + MarkdownText.inline(tags.joined(separator: ", "))) }
            lines += assessments("Credibility", note)
            return lines + conflicts(state, nested: true)
        })
    }

    /// Records in the order of a text field (case-insensitive), then by id.
    func sortedByLabel(_ records: [RecordState], _ field: String) -> [RecordState] {
        records.map { (ExportValues(state: $0).text(field)?.lowercased() ?? "", $0) }
            .sorted { ($0.0, $0.1.key.id) < ($1.0, $1.1.key.id) }.map(\.1)
    }

    /// A quote's speaker: an actor's name when the field holds a known actor's id, else the name as stated.
    func speaker(_ speaker: String?) -> String? {
        guard let speaker else { return nil }
        guard RecordID.isValid(speaker), let actor = lookup.values(.actor, speaker) else { return speaker }
        return actor.text("name") ?? speaker
    }

    /// Per-author grades (`alice: B, rationale`) as a nested list line, or nothing.
    func assessments(_ label: String, _ record: ExportValues) -> [String] {
        let entries = record.perAuthor(label.lowercased()).map { entry in
            let object = entry.value.objectValue ?? [:]
            var text = entry.author + ": " + (object["grade"]?.stringValue ?? "?")
            if let rationale = object["rationale"]?.stringValue { text += " (" + rationale + ")" }
            return text
        }
        return entries.isEmpty ? [] : ["  - **\(label):** " + MarkdownText.inline(entries.joined(separator: "; "))]
    }
}
