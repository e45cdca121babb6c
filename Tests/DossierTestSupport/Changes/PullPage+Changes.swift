import DossierCore

extension PullPage {
    /// A page of these changes with their canonical bodies, as a server's log would serve them.
    public init(changes: [Change], next: Int64, more: Bool) {
        self.init(bodies: changes.map(CanonicalJSON.text), next: next, more: more)
    }
}
