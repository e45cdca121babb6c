import DossierCore
import Foundation
import Hummingbird

/// Finds the member a bearer token belongs to, or answers 401 saying whether the token is unknown, revoked, replaced or
/// an invitation's that expired unused. A good request moves the user's `last seen`. Tokens are never logged.
struct TokenAuthenticator<Store: SyncStore>: RouterMiddleware {
    typealias Context = DossierRequestContext
    let store: Store
    let clock: WallClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
              let token = AccessToken(String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces))
        else { throw APIError.unauthorized }
        let member = try await Self.member(for: token, store: store, now: clock(), context: context)
        var context = context
        context.member = member
        context.logger[metadataKey: "dossier.user"] = "\(member.name)"
        context.logger[metadataKey: "dossier.team"] = "\(member.team)"
        return try await next(request, context)
    }

    /// The member `token` belongs to at `now`, or the 401 it gets (unknown, revoked, replaced, an invitation that expired
    /// unused); a good use confirms the token and moves `last seen`.
    static func member(for token: AccessToken, store: some AccountStore, now: Int64, context: DossierRequestContext) async throws -> Member {
        let found = try await guarded(context) { try await store.credential(selector: token.selector) }
        guard let found, token.matches(storedHash: found.hash) else { throw APIError.unauthorized }
        switch found.standing {
        case .revoked(let time): throw APIError.revoked(found.member, at: time)
        case .replaced(let time): throw APIError.tokenReplaced(found.member, at: time)
        case .active(let firstUseBy?) where now > firstUseBy: throw APIError.invitationExpired(found.member, at: firstUseBy)
        case .active(let firstUseBy):
            if firstUseBy != nil || found.lastSeenAt.map({ now - $0 >= CredentialRecord.lastSeenResolution }) ?? true {
                try await guarded(context) { try await store.recordUse(userID: found.userID, at: now) }
            }
        }
        return found.member
    }
}
