import DossierTrust

/// The store's identity key, read (or made) once and then kept: `/v1/status` names its public half.
actor IdentityCache {
    private let store: any AccountStore
    private var cached: ServerIdentity?

    init(store: any AccountStore) {
        self.store = store
    }

    /// The identity, from the store on first use.
    func identity() async throws -> ServerIdentity {
        if let cached { return cached }
        let identity = try await store.identity()
        cached = identity
        return identity
    }
}
