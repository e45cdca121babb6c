import Hummingbird
import Logging

/// The request context: Hummingbird's core storage plus the authenticated member, once known.
public struct DossierRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The member the bearer token belongs to (set by `TokenAuthenticator`).
    public var member: Member?

    /// Creates a context for a request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        member = nil
    }

    /// The authenticated member; throws 401 when there is none.
    public func requireMember() throws -> Member {
        guard let member else { throw APIError.unauthorized }
        return member
    }
}
