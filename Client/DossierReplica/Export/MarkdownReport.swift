import DossierCore
import Foundation

/// The Markdown export: a report for people to read, incidents first, deleted records left out.
struct MarkdownReport {
    /// The dataset and its look-ups.
    let lookup: ExportLookup

    /// A report of a dataset.
    init(_ dataset: Dataset) {
        lookup = ExportLookup(dataset: dataset)
    }

    /// The whole report, ending with a line break; no control character reaches the file (each is written visibly).
    var text: String {
        let blocks = [header, incidentSection, quoteSection, actorSection, sourceSection, annotationSection]
        return VisibleText.of(blocks.map { $0.joined(separator: "\n") }.joined(separator: "\n\n") + "\n", lineBreaks: true)
    }

    /// The title and the counts.
    var header: [String] {
        let count = { (n: Int, noun: String) in "\(n) \(noun)\(n == 1 ? "" : "s")" }
        let live = EntityKind.allCases.flatMap { lookup.live($0) }
        let counts = [
            count(lookup.live(.incident).count, "incident"), count(lookup.live(.quote).count, "quote"),
            count(lookup.live(.actor).count, "actor"), count(lookup.live(.source).count, "source"),
            count(lookup.live(.annotation).count, "annotation"),
            count(live.reduce(0) { $0 + $1.conflicts.count }, "open conflict"),
        ]
        return ["# Dossier export", "", counts.joined(separator: " · ")]
    }

    /// Every incident, in (date, id) order.
    var incidentSection: [String] {
        let incidents = lookup.incidents
        return section("Incidents", incidents.map(incident))
    }

    /// One incident: its facts, casualties with their sources, summary and open conflicts.
    func incident(_ incident: ExportedIncident) -> [String] {
        var lines = ["### " + MarkdownText.inline(incident.title), ""]
        lines.append("- **Date:** " + MarkdownText.inline(incident.date ?? "not stated"))
        var place = [incident.place, incident.admin1, incident.countryName].compactMap { $0 }.joined(separator: ", ")
        if let location = incident.location {
            place += (place.isEmpty ? "" : " ") + "(\(ACLEDCSV.coordinate(location.lat)), \(ACLEDCSV.coordinate(location.lon)))"
        }
        lines.append("- **Place:** " + MarkdownText.inline(place.isEmpty ? "not stated" : place))
        let types = [incident.eventType, incident.subEventType].compactMap { $0 }.joined(separator: " — ")
        lines.append("- **Type:** " + MarkdownText.inline(types.isEmpty ? "not stated" : types))
        if !incident.participants.isEmpty {
            let actors = incident.participants.map { "\($0.name) (\($0.role.replacingOccurrences(of: "_", with: " ")))" }
            lines.append("- **Actors:** " + MarkdownText.inline(actors.joined(separator: "; ")))
        }
        lines += casualties("Killed", incident.killed, incident.values.activeClaims("killed"))
        lines += casualties("Wounded", incident.wounded, incident.values.activeClaims("wounded"))
        if !incident.sources.isEmpty {
            let titles = incident.sources.map { MarkdownText.emphasis(lookup.sourceTitle($0)) }
            lines.append("- **Sources:** " + titles.joined(separator: "; "))
        }
        lines += tagLine(incident.tags)
        lines.append("- **Review status:** " + MarkdownText.inline(incident.reviewStatus))
        lines.append("- **Id:** `\(incident.id)`")
        if let summary = incident.summary { lines += ["", MarkdownText.paragraph(summary)] }
        return lines + conflicts(incident.values.state)
    }

    /// A casualty line (`170–185 (disputed)`) and, under it, each claim's figure with its source's title.
    func casualties(_ label: String, _ summary: CasualtySummary?, _ claims: [ClaimSet.Entry]) -> [String] {
        guard let summary else { return ["- **\(label):** not stated"] }
        var lines = ["- **\(label):** " + summary.display]
        for entry in claims {
            let claim = entry.claim
            let range = claim.low == claim.high ? "\(claim.low)" : "\(claim.low)–\(claim.high)"
            let figure = switch claim.qualifier {
            case "at_least": "at least " + range
            case "approx": "about " + range
            default: range
            }
            var line = "  - \(figure) — " + MarkdownText.emphasis(lookup.sourceTitle(claim.source))
            if let note = claim.note { line += " (" + MarkdownText.inline(note) + ")" }
            lines.append(line + ", entered by " + MarkdownText.inline(entry.author))
        }
        return lines
    }

    /// A record's open conflicts, each candidate with author, replica and time (`nested`: under a list item).
    func conflicts(_ state: RecordState, nested: Bool = false) -> [String] {
        let conflicts = state.conflicts
        guard !conflicts.isEmpty else { return [] }
        let title = "**Open conflicts** (resolve with `dossier resolve \(state.key.id) FIELD`):"
        let indent = nested ? "    " : ""
        var lines = nested ? ["  - " + title] : ["", title, ""]
        for conflict in conflicts {
            let field = conflict.field == Conflict.deletionField ? "deleted while being edited" : conflict.field
            lines.append(indent + "- " + MarkdownText.inline(field) + ":")
            for (index, candidate) in conflict.candidates.enumerated() {
                let time = candidate.version.date.formatted(.iso8601)
                lines.append(indent + "  - \u{201C}" + MarkdownText.inline(MarkdownText.value(candidate.value)) + "\u{201D} — "
                    + MarkdownText.inline("\(candidate.author), replica \(candidate.replica), \(time)")
                    + (index == 0 ? " (shown now)" : ""))
            }
        }
        return lines
    }

    /// A tags line, or nothing when there are no tags.
    func tagLine(_ tags: [String]) -> [String] {
        tags.isEmpty ? [] : ["- **Tags:** " + MarkdownText.inline(tags.joined(separator: ", "))]
    }

    /// A level-two section: its entries (blank lines between them when `spaced`), or a note that there are none.
    func section(_ title: String, spaced: Bool = true, _ entries: [[String]]) -> [String] {
        let separator = spaced ? "\n\n" : "\n"
        let body = entries.isEmpty ? "*None.*" : entries.map { $0.joined(separator: "\n") }.joined(separator: separator)
        return ["## " + title, "", body]
    }
}
