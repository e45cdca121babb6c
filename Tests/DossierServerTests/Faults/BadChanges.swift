import DossierCore
import DossierTestSupport
import Foundation

/// Makes changes without validating them, each with a new id on its own replica, to push what a broken or hostile client would.
struct Forger {
    /// The replica every forged change names.
    let replica: ReplicaID
    /// The author changes carry unless told otherwise.
    let author: String
    /// The wall-clock time changes are stamped with unless told otherwise.
    let millis: Int64
    private var counter: UInt64 = 0

    /// A forger for an author at a time.
    init(replica: String, author: String, millis: Int64) {
        self.replica = ReplicaID(replica)!
        self.author = author
        self.millis = millis
    }

    /// A change with the next id, unvalidated.
    mutating func change(_ entity: EntityKind, _ record: String, _ operation: ChangeOperation,
                         author: String? = nil, millis: Int64? = nil, stampedBy: String? = nil) -> Change {
        counter += 1
        let stamp = stampedBy.flatMap(ReplicaID.init) ?? replica
        return Change(id: ChangeID(replica: replica, counter: counter), version: HLC(millis: millis ?? self.millis, counter: 0, replica: stamp),
                      author: author ?? self.author, entity: entity, record: record, operation: operation)
    }
}

/// One element of a pushed batch and the receipt it must get.
struct BatchElement {
    /// What the receipt must say.
    enum Outcome: Equatable {
        /// Stored now.
        case accepted
        /// Stored before with the same content.
        case alreadyHad
        /// Rejected with this code and a message containing this text.
        case rejected(String, String)
    }

    /// What the case is, for failure messages.
    let name: String
    /// The element's JSON text.
    let json: String
    /// The expected receipt.
    let outcome: Outcome
    /// The change when the element is a good one.
    var good: Change? = nil
}

/// A batch of amina's good changes interleaved with every kind of bad change: unknown keys and entities, wrong
/// types, bad ids and clocks, invalid values and vocabulary, forged authors, and a reused id.
struct BadBatch {
    /// The elements in the order pushed.
    private(set) var elements: [BatchElement] = []
    /// The good changes, in the order pushed: all the store may hold afterwards.
    var goods: [Change] { elements.compactMap(\.good) }

    /// Builds the batch for amina, stamped at the server's time `now`.
    init(now: Int64) throws {
        var amina = Researcher("amina", replica: "laptop1", millis: now)
        var forger = Forger(replica: "laptop2", author: "amina", millis: now)
        let source = amina.newID()
        let g1 = try amina.incident()
        let g2 = try amina.make(.addClaim(field: "casualties", claim: CasualtyClaim(kind: "killed", low: 170, high: 185, qualifier: "approx", source: source)), on: g1.key)
        let g3 = try amina.set("summary", "Suicide bombing at Abbey Gate", on: g1.key)
        let g4 = try amina.incident("Attack on a Hazara school")
        let incident: [String: JSONValue] = ["title": "Kabul airport attack", "date": "2021-08-26", "place": "Kabul airport",
                                             "event_type": "Explosions/Remote violence"]
        func create(_ changes: [String: JSONValue?]) -> Change {
            var fields = incident
            for (name, value) in changes { fields[name] = value }
            return forger.change(.incident, amina.newID(), .create(fields: fields))
        }
        func claim(_ low: Int64, _ high: Int64, _ qualifier: String = "approx", kind: String = "killed", source: String = source) -> Change {
            forger.change(.incident, g1.record, .addClaim(field: "casualties", claim: CasualtyClaim(kind: kind, low: low, high: high, qualifier: qualifier, source: source)))
        }
        func claimText(_ members: String) -> String {
            Body.edited(claim(1, 1), ["claim": "{\"kind\":\"killed\",\"qualifier\":\"approx\",\"source\":\"\(source)\",\(members)}"])
        }
        func set(_ field: String, _ value: JSONValue, on entity: EntityKind = .incident) -> Change {
            forger.change(entity, g1.record, .set(field: field, value: value, supersedes: []))
        }
        func signed(_ author: String) -> Change {
            forger.change(.incident, g1.record, .set(field: "summary", value: "x", supersedes: []), author: author)
        }
        let valid = set("summary", "A valid change made unreadable below")

        add("good create", g1)
        add("unknown key", Body.edited(create([:]), ["colour": "1"]), .rejected("malformed", "colour: unknown key"))
        add("another op's key", Body.edited(valid, ["element": "\"x\""]), .rejected("malformed", "element: unknown key"))
        add("unknown key in a claim", claimText("\"low\":1,\"high\":2,\"colour\":1"), .rejected("malformed", "claim.colour: unknown key"))
        add("unknown entity", Body.edited(valid, ["entity": "\"weapon\""]), .rejected("malformed", "unknown entity 'weapon'"))
        add("unknown op", Body.edited(valid, ["op": "\"merge\""]), .rejected("malformed", "unknown op 'merge'"))
        add("version of the wrong type", Body.edited(valid, ["version": "5"]), .rejected("malformed", "version: wrong type"))
        add("record of the wrong type", Body.edited(valid, ["record": "12"]), .rejected("malformed", "record: wrong type"))
        add("fields of the wrong type", Body.edited(create([:]), ["fields": "[]"]), .rejected("malformed", "fields: wrong type"))
        add("claim figure as text", claimText("\"low\":\"ten\",\"high\":20"), .rejected("malformed", "claim.low: wrong type"))
        add("missing version", Body.edited(valid, ["version": nil]), .rejected("malformed", "missing key 'version'"))
        for (name, json) in [("a number", "42"), ("null", "null"), ("an array", "[]"), ("a string", "\"laptop2:99\""), ("an empty object", "{}")] {
            add("element is \(name)", json, .rejected("malformed", "could not be read"))
        }
        add("an unpaired surrogate escape", Body.edited(valid, ["value": "\"Kabul \\ud800\""]), .rejected("malformed", "value: wrong type"))
        add("counter 0", Body.edited(valid, ["id": "\"laptop2:0\""]), .rejected("malformed", "is not a change id"))
        add("path in the id", Body.edited(valid, ["id": "\"../etc:5\""]), .rejected("malformed", "is not a change id"))
        add("figure beyond Int64", claimText("\"low\":99999999999999999999,\"high\":99999999999999999999"),
            .rejected("malformed", "the number 99999999999999999999 does not fit"))
        add("figure 1e300", claimText("\"low\":1e300,\"high\":1e300"), .rejected("malformed", "the number 1e300 does not fit"))
        add("fractional figure", claimText("\"low\":1.5,\"high\":2"), .rejected("malformed", "the number 1.5 does not fit"))
        add("16-digit clock", Body.edited(valid, ["version": "\"9999999999999999-000000-laptop2\""]), .rejected("malformed", "not a clock timestamp"))
        add("negative low", claim(-5, 3), .rejected("invalid", "casualties.low: must be 0 or more"))
        add("negative high", claim(0, -1), .rejected("invalid", "casualties.high: must be 0 or more"))
        add("low above high", claim(200, 100), .rejected("invalid", "casualties.low: must not be greater than high"))
        add("exact range", claim(170, 185, "exact"), .rejected("invalid", "casualties.high: must equal low"))
        add("unknown casualty kind", claim(1, 1, kind: "missing"), .rejected("invalid", "casualties.kind"))
        add("unknown qualifier", claim(1, 2, "roughly"), .rejected("invalid", "casualties.qualifier"))
        add("claim source not an id", claim(1, 2, source: "France 24"), .rejected("invalid", "casualties.source"))
        add("unknown event type", create(["event_type": "Skirmish"]), .rejected("invalid", "event_type: must be one of"))
        add("sub-type of another type", create(["event_type": "Battles", "sub_event_type": "Grenade"]), .rejected("invalid", "sub_event_type"))
        add("unknown country", create(["country": "XX"]), .rejected("invalid", "country"))
        add("unknown field", create(["weapon": "AK-47"]), .rejected("invalid", "weapon: is not a field of incident"))
        add("blank title", create(["title": "   "]), .rejected("invalid", "title: must not be empty"))
        add("missing place", create(["place": nil]), .rejected("invalid", "place: is required"))
        add("latitude out of range", create(["location": ["lat": 91, "lon": 69]]), .rejected("invalid", "location.lat"))
        add("text too long", set("summary", .string(String(repeating: "x", count: Validator.maxTextLength + 1))), .rejected("invalid", "at most"))
        add("deeply nested value", set("summary", (0..<40).reduce(JSONValue.string("x")) { value, _ in .array([value]) }),
            .rejected("invalid", "summary: must be text"))
        add("unknown review status", set("review_status", "final"), .rejected("invalid", "review_status"))
        add("unknown actor role", forger.change(.incident, g1.record, .add(field: "actors", element: "\(source):bystander")),
            .rejected("invalid", "role must be one of"))
        add("immutable field", set("source", .string(source), on: .quote), .rejected("invalid", "source: cannot change after creation"))
        add("record not an id", forger.change(.incident, "../../etc/passwd", .delete(supersedes: [])), .rejected("invalid", "record: must be"))
        add("stamped by another replica", forger.change(.incident, g1.record, .delete(supersedes: []), stampedBy: "laptop1"),
            .rejected("invalid", "version: must be stamped by the replica"))
        add("another team's author", signed("claire"), .rejected("author_mismatch", "authored as 'claire'"))
        add("a teammate as author", signed("hamid"), .rejected("author_mismatch", "authored as 'hamid'"))
        add("empty author", signed(""), .rejected("invalid", "author: must not be empty"))
        add("three days ahead", forger.change(.incident, g1.record, .delete(supersedes: []), millis: now + 3 * 86_400_000),
            .rejected("clock_ahead", "72.0 h ahead"))
        add("year 9999", forger.change(.incident, g1.record, .delete(supersedes: []), millis: 253_402_300_799_000),
            .rejected("clock_ahead", "ahead of the server's clock"))
        var reused = g1
        reused.operation = .create(fields: incident)
        add("reused id, other content", Body.json(reused), .rejected("id_reused", "different content"))
        add("the good create again", Body.json(g1), .alreadyHad)
        add("good claim", g2)
        add("good set", g3)
        add("good second create", g4)
    }

    private mutating func add(_ name: String, _ good: Change) {
        elements.append(BatchElement(name: name, json: Body.json(good), outcome: .accepted, good: good))
    }

    private mutating func add(_ name: String, _ change: Change, _ outcome: BatchElement.Outcome) {
        add(name, Body.json(change), outcome)
    }

    private mutating func add(_ name: String, _ json: String, _ outcome: BatchElement.Outcome) {
        elements.append(BatchElement(name: name, json: json, outcome: outcome))
    }
}
