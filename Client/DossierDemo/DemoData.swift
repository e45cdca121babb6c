import DossierCore
import Foundation

/// The demo's material: the facts of the two seed articles (Resources/seed-records.json, made by
/// scripts/make-demo-data.py from shared/seed-facts.json), with symbolic keys (S000, A01, I01, Q01).
public struct DemoData: Decodable, Sendable {
    /// A source.
    struct Source: Decodable, Sendable {
        var key, kind, title: String
        var outlet, published, language, url: String?
        var tags: [String]?
    }

    /// An actor.
    struct Actor: Decodable, Sendable {
        var key, kind, name: String
        var aliases: [String]?
        var description: String?
    }

    /// A casualty claim by source key.
    struct Claim: Decodable, Sendable {
        var kind: String
        var low, high: Int64
        var qualifier: String
        var source: String
        var note: String?
    }

    /// An incident, with the values another source reports differently.
    struct Incident: Decodable, Sendable {
        var key, title, date, place: String
        var admin1, country: String?
        var lat, lon: Double?
        var eventType: String
        var subEventType, summary: String?
        var sources, actors, tags: [String]?
        var claims: [Claim]?
        var variants: [String: [String: JSONValue]]?

        enum CodingKeys: String, CodingKey {
            case key, title, date, place, admin1, country, lat, lon, summary, sources, actors, tags, claims, variants
            case eventType = "event_type", subEventType = "sub_event_type"
        }
    }

    /// A quote.
    struct Quote: Decodable, Sendable {
        var key, source, speaker, text: String
        var speakerRole, saidOn: String?
        var incidents, tags: [String]?

        enum CodingKeys: String, CodingKey {
            case key, source, speaker, text, incidents, tags
            case speakerRole = "speaker_role", saidOn = "said_on"
        }
    }

    /// A contradiction between the sources, as the seed facts name it.
    struct Contradiction: Decodable, Sendable {
        var key, kind, description: String
        var incident: String?
    }

    var sources: [Source]
    var actors: [Actor]
    var incidents: [Incident]
    var quotes: [Quote]
    var contradictions: [Contradiction]?

    /// The shipped data file.
    public static func load() throws -> DemoData {
        guard let url = Bundle.module.url(forResource: "seed-records", withExtension: "json") else {
            throw DemoFailure(message: "the demo's data file is missing from this build")
        }
        return try JSONDecoder().decode(DemoData.self, from: Data(contentsOf: url))
    }
}

/// Why the demo could not run or did not converge.
public struct DemoFailure: Error, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    public var description: String { message }
}
