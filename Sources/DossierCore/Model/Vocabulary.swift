/// The fixed vocabularies of the v1 model.
public enum Vocabulary {
    /// ACLED event types and their sub-event types, in codebook order.
    public static let acled: [(eventType: String, subTypes: [String])] = [
        ("Battles", ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"]),
        ("Explosions/Remote violence", ["Chemical weapon", "Air/drone strike", "Suicide bomb",
            "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"]),
        ("Violence against civilians", ["Sexual violence", "Attack", "Abduction/forced disappearance"]),
        ("Protests", ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"]),
        ("Riots", ["Violent demonstration", "Mob violence"]),
        ("Strategic developments", ["Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
            "Headquarters or base established", "Looting/property destruction",
            "Non-violent transfer of territory", "Other"]),
    ]
    /// The six ACLED event types.
    public static let eventTypes = acled.map(\.eventType)
    /// All 25 ACLED sub-event types.
    public static let subEventTypes = acled.flatMap(\.subTypes)
    /// The event type a sub-event type belongs to.
    public static func eventType(of subType: String) -> String? {
        acled.first { $0.subTypes.contains(subType) }?.eventType
    }

    /// Kinds of source.
    public static let sourceKinds = ["news", "report", "official", "ngo", "social", "interview"]
    /// Kinds of actor.
    public static let actorKinds = ["organisation", "person", "state", "community", "media", "international_org"]
    /// Kinds of evidence file.
    public static let evidenceKinds = ["photo", "video", "audio", "document", "web_capture", "other"]
    /// What can happen to an evidence file, in its chain of custody.
    public static let custodyActions = CustodyAction.allCases.map(\.rawValue)
    /// Kinds of annotation.
    public static let annotationKinds = ["note", "credibility", "question", "review"]
    /// An incident's review states.
    public static let reviewStatuses = ["draft", "coded", "reviewed"]
    /// An actor's roles in an incident.
    public static let actorRoles = ["perpetrator", "target", "victim", "claimed_by", "associated"]
    /// Credibility and reliability grades.
    public static let grades = ["A", "B", "C", "D", "E", "F"]
    /// What a casualty claim counts.
    public static let casualtyKinds = ["killed", "wounded"]
    /// How exact a casualty claim is.
    public static let qualifiers = ["exact", "at_least", "approx"]
}
