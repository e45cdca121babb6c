import Crypto
import DossierCore
import Foundation
import Hummingbird

/// The team view's session cookie: a random id the browser holds (`HttpOnly`, `SameSite=Strict`, `Secure` under TLS,
/// twelve hours), of which the server keeps only the SHA-256. Never a token in a URL.
enum WebSessionCookie {
    /// The cookie's name.
    static let name = "dossier_session"
    /// How long a session lives, in seconds.
    static let lifetime = 12 * 3600

    /// A new random session id: 32 bytes, base64url without padding.
    static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// What the store keeps of a session id.
    static func hash(_ id: String) -> String { SHA256.hash(data: Data(id.utf8)).hexText }

    /// The cookie that holds a session.
    static func cookie(_ id: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: id, maxAge: lifetime, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// The cookie that ends one in the browser.
    static func cleared(secure: Bool) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}

/// Finds the member a session cookie belongs to; without a live one, a page answers with a redirect to the sign-in
/// page. Every page's response gets the view's security headers.
struct WebAuthenticator<Store: SyncStore>: RouterMiddleware {
    typealias Context = DossierRequestContext
    let store: Store
    let clock: WallClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let id = request.cookies[WebSessionCookie.name]?.value, !id.isEmpty,
              let member = try await guarded(context, { try await store.webSession(idHash: WebSessionCookie.hash(id), now: clock()) }) else {
            return WebPages.redirect(to: "/sign-in")
        }
        var context = context
        context.member = member
        return try await next(request, context)
    }
}
