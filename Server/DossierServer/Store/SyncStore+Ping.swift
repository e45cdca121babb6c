/// A store that can say whether it is reachable right now; `/healthz` asks it.
public protocol StoreHealth: Sendable {
    /// Runs the cheapest real query the store has; throws when the store cannot answer.
    func ping() async throws
}
