import Hummingbird

/// Finds the member a bearer token belongs to, or answers 401. Tokens are never logged.
struct TokenAuthenticator<Store: SyncStore>: RouterMiddleware {
    typealias Context = DossierRequestContext
    let store: Store

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
              let token = AccessToken(String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces))
        else { throw APIError.unauthorized }
        let found: (member: Member, hash: String)?
        do {
            found = try await store.credential(selector: token.selector)
        } catch {
            context.logger.error("auth lookup failed", metadata: ["dossier.error": "\(String(reflecting: error))"])
            throw APIError.storeUnavailable
        }
        guard let found, token.matches(storedHash: found.hash) else { throw APIError.unauthorized }
        var context = context
        context.member = found.member
        context.logger[metadataKey: "dossier.user"] = "\(found.member.name)"
        context.logger[metadataKey: "dossier.team"] = "\(found.member.team)"
        return try await next(request, context)
    }
}
