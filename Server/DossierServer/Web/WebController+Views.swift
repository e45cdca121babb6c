import DossierCore
import Foundation
import Hummingbird

extension WebController {
    /// `GET /map`: one mark per incident with coordinates (grouped by place when there are very many), over country outlines.
    @Sendable func map(_ request: Request, context: DossierRequestContext) async throws -> Response {
        let member = try context.requireMember()
        let incidents = try await guarded(context) { try await views.snapshot(team: member.teamID).incidents }
        var marks = incidents.compactMap { id, facts in facts.location.map { (id: id, label: facts.label, lat: $0.lat, lon: $0.lon) } }
        if marks.count <= WorldMap.markLimit { marks.sort { $0.id < $1.id } }
        var values = WorldMap.shipped.drawing(marks: marks)
        values["count"] = marks.count
        return pages.page("map", title: "Map", member: WebMember(member), values: values)
    }

    /// `GET /timeline`: incidents per week (from each date's first day) by event type, with the week's killed range.
    @Sendable func timeline(_ request: Request, context: DossierRequestContext) async throws -> Response {
        let member = try context.requireMember()
        let incidents = try await guarded(context) { try await views.snapshot(team: member.teamID).incidents }
        var weeks: [String: (types: [String: Int], low: Int64, high: Int64)] = [:]
        var types = Set<String>()
        for facts in incidents.values {
            guard let week = facts.week else { continue }
            let type = facts.eventType ?? "unknown"
            types.insert(type)
            var entry = weeks[week] ?? ([:], 0, 0)
            entry.types[type, default: 0] += 1
            if let killed = facts.killed { (entry.low, entry.high) = (entry.low + killed.low, entry.high + killed.high) }
            weeks[week] = entry
        }
        let columns = types.sorted()
        let rows = weeks.keys.sorted().map { week -> [String: Any] in
            let entry = weeks[week]!
            return ["week": week, "counts": columns.map { ["count": entry.types[$0] ?? 0] },
                    "total": entry.types.values.reduce(0, +),
                    "killed": entry.high == 0 ? "" : entry.low == entry.high ? "\(entry.low)" : "\(entry.low)–\(entry.high)"]
        }
        return pages.page("timeline", title: "Timeline", member: WebMember(member), values: ["columns": columns, "rows": rows])
    }

    /// `GET /conflicts`: every record with an open conflict, with each field's candidates.
    @Sendable func conflicts(_ request: Request, context: DossierRequestContext) async throws -> Response {
        let member = try context.requireMember()
        let snapshot = try await guarded(context) { try await views.snapshot(team: member.teamID) }
        let keys = snapshot.entries.flatMap { entity, entries in
            entries.values.filter { $0.conflicts > 0 && $0.live }.map { RecordKey(entity: entity, id: $0.id) }
        }.sorted()
        let rows = keys.compactMap { snapshot.dataset[$0] }.map { state -> [String: Any] in
            let view = RecordView(state, in: snapshot.dataset)
            return ["entity": state.key.entity.rawValue, "id": state.key.id, "label": view.label,
                    "link": state.key.entity == .incident ? "/incidents/\(state.key.id)" : "",
                    "fields": view.conflicts.map { conflict -> [String: Any] in
                        ["field": conflict.field, "candidates": conflict.candidates.map { candidate -> [String: String] in
                            ["value": IncidentPage.display(candidate.value), "author": candidate.author]
                        }]
                    }]
        }
        return pages.page("conflicts", title: "Conflicts", member: WebMember(member), values: ["rows": rows, "count": rows.count])
    }

    /// `GET /activity`: who pushed what, by day, over the last 90 days.
    @Sendable func activity(_ request: Request, context: DossierRequestContext) async throws -> Response {
        let member = try context.requireMember()
        let since = settings.clock() - 90 * 24 * 3600 * 1000
        let counts = try await guarded(context) { try await store.activity(team: member.teamID, since: since) }
        let days = Dictionary(grouping: counts, by: \.day).sorted { $0.key > $1.key }.map { day, counts -> [String: Any] in
            ["day": day, "lines": counts.map { ["author": $0.author, "entity": $0.entity, "changes": $0.changes] },
             "total": counts.map(\.changes).reduce(0, +)]
        }
        return pages.page("activity", title: "Activity", member: WebMember(member), values: ["days": days, "empty": days.isEmpty])
    }

    /// `GET /sources`, `/actors`, `/quotes`: the team's records of a kind, by date.
    func records(of entity: EntityKind) -> @Sendable (Request, DossierRequestContext) async throws -> Response {
        { [views, pages] _, context in
            let member = try context.requireMember()
            let entries = try await guarded(context) { try await views.entries(team: member.teamID, filter: RecordFilter(entity: entity)).entries }
            let rows = entries.map { ["label": $0.label, "date": $0.date ?? "", "conflicted": $0.conflicts > 0] as [String: Any] }
            let title = entity.rawValue.prefix(1).uppercased() + entity.rawValue.dropFirst() + "s"
            return pages.page("records", title: title, member: WebMember(member), values: ["rows": rows, "count": rows.count])
        }
    }
}
