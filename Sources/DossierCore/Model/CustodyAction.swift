/// What can happen to an evidence file, in its chain of custody (the `action` of a `custody` record).
public enum CustodyAction: String, Sendable, CaseIterable {
    case attached, uploaded, received, downloaded, exported, verified
}
