import DossierCore

/// What the incident page shows (issue 18): its fields, each disputed toll with every claim's figure and source, open
/// conflicts with their candidates, the sources and actors it names, annotations and evidence about it.
struct IncidentPage {
    let state: RecordState
    let dataset: Dataset
    /// The record's changes, in log order, for its history.
    var changes: [Change] = []

    /// The template's values.
    var values: [String: Any] {
        let view = RecordView(state, in: dataset)
        let text = { (name: String) in view.fields[name].map(Self.display) ?? "" }
        let fields: [[String: Any]] = [("Date", "date"), ("Place", "place"), ("Province", "admin1"), ("Country", "country"),
                                       ("Location", "location"), ("Event type", "event_type"), ("Sub-event type", "sub_event_type"),
                                       ("Review status", "review_status"), ("Tags", "tags"), ("Summary", "summary")]
            .compactMap { label, name in text(name).isEmpty ? nil : ["label": label, "value": text(name)] }
        let tolls: [[String: Any]] = ["killed", "wounded"].compactMap { kind in
            view.casualties[kind].map { summary in
                ["kind": kind, "range": summary.display, "disputed": summary.disputed,
                 "figures": summary.figures.map { figure -> [String: Any] in
                     ["figure": figure.low == figure.high ? "\(figure.low)" : "\(figure.low)–\(figure.high)",
                      "qualifier": figure.qualifier.replacingOccurrences(of: "_", with: " "), "source": label(.source, figure.source),
                      "sourceID": figure.source]
                 }]
            }
        }
        let conflicts: [[String: Any]] = view.conflicts.map { conflict in
            ["field": conflict.field, "candidates": conflict.candidates.map { candidate -> [String: Any] in
                ["value": Self.display(candidate.value), "author": candidate.author, "at": StoreClock.text(candidate.version.millis)]
            }]
        }
        let sources = (view.fields["sources"]?.arrayStrings ?? []).map { ["id": $0, "label": label(.source, $0)] }
        let actors = (view.fields["actors"]?.arrayStrings ?? []).map { pair -> [String: String] in
            let parts = pair.split(separator: ":", maxSplits: 1).map(String.init)
            return ["label": label(.actor, parts[0]), "role": parts.count > 1 ? parts[1].replacingOccurrences(of: "_", with: " ") : ""]
        }
        let about = dataset.records.values.filter { other in
            !other.isDeleted && other.creation != nil && (other.fields["target"]?.currentValue.stringValue == state.key.id
                || (other.fields["targets"]?.currentValue.arrayStrings ?? []).contains(state.key.id))
        }
        let annotations = about.filter { $0.key.entity == .annotation }.sorted { $0.key.id < $1.key.id }.map { note -> [String: String] in
            let noteView = RecordView(note, in: dataset)
            return ["text": noteView.label(limit: nil), "author": noteView.createdBy ?? ""]
        }
        let evidence = about.filter { $0.key.entity == .evidence }.sorted { $0.key.id < $1.key.id }.map { file -> [String: String] in
            let fileView = RecordView(file, in: dataset)
            return ["name": fileView.fields["original_name"]?.stringValue ?? "", "kind": fileView.fields["kind"]?.stringValue ?? "",
                    "sha256": String((fileView.fields["sha256"]?.stringValue ?? "").prefix(16))]
        }
        let history = RecordHistory(of: state.key, changes: changes).entries.map { entry -> [String: String] in
            ["at": StoreClock.text(entry.version.millis), "author": entry.author, "op": entry.op, "field": entry.field ?? "",
             "value": entry.field == nil ? "" : Self.display(entry.written ?? entry.new)]
        }
        return ["id": view.id, "heading": view.label(limit: nil), "history": history, "fields": fields, "tolls": tolls, "conflicts": conflicts,
                "hasConflicts": !conflicts.isEmpty, "sources": sources, "actors": actors, "annotations": annotations,
                "evidence": evidence, "createdBy": view.createdBy ?? "", "createdAt": view.createdAt ?? ""]
    }

    /// A referenced record's label, or its id when this team does not hold it.
    private func label(_ entity: EntityKind, _ id: String) -> String {
        dataset[RecordKey(entity: entity, id: id)].map { RecordView($0, in: dataset).label } ?? id
    }

    /// A value as text: strings as they are, lists joined, a location as "lat, lon".
    static func display(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .string(let text): VisibleText.of(text)
        case .array: value.arrayStrings.joined(separator: ", ")
        case .object(let object):
            if let lat = object["lat"]?.doubleValue, let lon = object["lon"]?.doubleValue { "\(lat), \(lon)" } else { CanonicalJSON.text(value) }
        case .bool(let flag): flag ? "yes" : "no"
        case .int(let number): "\(number)"
        case .double(let number): "\(number)"
        }
    }
}
