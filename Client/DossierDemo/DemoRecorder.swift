import DossierCore
import DossierReplica

/// Records the seed material on a laptop and remembers each symbolic key's record.
struct DemoRecorder {
    /// Records by symbolic key (S000, A01, I01, Q01).
    private(set) var keys: [String: RecordKey] = [:]
    /// What was recorded, by kind.
    private(set) var counts: [EntityKind: Int] = [:]
    /// Claims entered.
    private(set) var claims = 0

    /// Records every source, actor, incident (with its claims) and quote of the data.
    mutating func record(_ data: DemoData, on laptop: DemoLaptop) throws {
        for source in data.sources {
            try create(source.key, .source, on: laptop, [
                "kind": .string(source.kind), "title": .string(source.title), "outlet": Self.text(source.outlet),
                "published": Self.text(source.published), "language": Self.text(source.language), "url": Self.text(source.url),
                "tags": Self.list(source.tags),
            ])
        }
        for actor in data.actors {
            try create(actor.key, .actor, on: laptop, [
                "kind": .string(actor.kind), "name": .string(actor.name), "aliases": Self.list(actor.aliases),
                "description": Self.text(actor.description),
            ])
        }
        for incident in data.incidents {
            var fields: [String: JSONValue] = [
                "title": .string(incident.title), "date": .string(incident.date), "place": .string(incident.place),
                "admin1": Self.text(incident.admin1), "country": Self.text(incident.country), "event_type": .string(incident.eventType),
                "sub_event_type": Self.text(incident.subEventType), "summary": Self.text(incident.summary),
                "sources": .array((incident.sources ?? []).compactMap { keys[$0]?.id }.map(JSONValue.string)),
                "actors": .array((incident.actors ?? []).compactMap(actorRole).map(JSONValue.string)),
                "tags": Self.list(incident.tags),
            ]
            if let lat = incident.lat, let lon = incident.lon { fields["location"] = .object(["lat": .double(lat), "lon": .double(lon)]) }
            let figures = (incident.claims ?? []).compactMap { claim in
                keys[claim.source].map { CasualtyClaim(kind: claim.kind, low: claim.low, high: claim.high, qualifier: claim.qualifier,
                                                       source: $0.id, note: claim.note) }
            }
            try create(incident.key, .incident, on: laptop, fields, claims: figures)
        }
        for quote in data.quotes {
            guard let source = keys[quote.source]?.id else { continue }
            try create(quote.key, .quote, on: laptop, [
                "source": .string(source), "speaker": .string(quote.speaker), "speaker_role": Self.text(quote.speakerRole),
                "text": .string(quote.text), "said_on": Self.text(quote.saidOn),
                "incidents": .array((quote.incidents ?? []).compactMap { keys[$0]?.id }.map(JSONValue.string)),
                "tags": Self.list(quote.tags),
            ])
        }
    }

    /// Creates a record with its claims, if any, in one transaction.
    private mutating func create(_ symbol: String, _ entity: EntityKind, on laptop: DemoLaptop, _ fields: [String: JSONValue],
                                 claims: [CasualtyClaim] = []) throws {
        var generator = SystemRandomNumberGenerator()
        let key = RecordKey(entity: entity, id: RecordID.make(millis: laptop.replica.wall(), using: &generator))
        let kept = fields.filter { !$0.value.isNull && $0.value != .array([]) }
        try laptop.replica.edit(key, steps: [{ _ in .create(fields: kept) }] + claims.map { claim in { try Edit.addClaim(claim, in: $0) } })
        keys[symbol] = key
        counts[entity, default: 0] += 1
        self.claims += claims.count
    }

    private func actorRole(_ text: String) -> String? {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let actor = keys[parts[0]] else { return nil }
        return "\(actor.id):\(parts[1])"
    }

    private static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    private static func list(_ values: [String]?) -> JSONValue { .array((values ?? []).map(JSONValue.string)) }
}
