import DossierCore
import DossierTrust
import Foundation
import Hummingbird

/// The team's read-only view under `/` (issue 18): sign-in with a token or an invitation into a server-side session,
/// then pages of the member's own team. Nothing here changes a record.
struct WebController<Store: SyncStore> {
    let store: Store
    let settings: ServerSettings
    let identity: IdentityCache
    let pages: WebPages
    let views: TeamViews<Store>

    /// Adds the sign-in routes to `router` and the pages to a group behind the session check.
    func addRoutes(to router: Router<DossierRequestContext>) {
        router.get("sign-in", use: signInPage)
        router.post("sign-in", use: signIn)
        router.get("style.css", use: { _, _ in try Self.resource("style", "css", type: "text/css; charset=utf-8") })
        router.get("sign-in.js", use: { _, _ in try Self.resource("sign-in", "js", type: "text/javascript; charset=utf-8") })
        let signedIn = router.group().add(middleware: WebAuthenticator(store: store, clock: settings.clock))
        signedIn.get("", use: { _, _ in WebPages.redirect(to: "/incidents") })
        signedIn.post("sign-out", use: signOut)
        signedIn.get("incidents", use: incidents)
        signedIn.get("incidents/:id", use: incident)
        signedIn.get("team", use: team)
        signedIn.get("map", use: map)
        signedIn.get("timeline", use: timeline)
        signedIn.get("conflicts", use: conflicts)
        signedIn.get("activity", use: activity)
        signedIn.get("sources", use: records(of: .source))
        signedIn.get("actors", use: records(of: .actor))
        signedIn.get("quotes", use: records(of: .quote))
    }

    @Sendable func signInPage(_ request: Request, context: DossierRequestContext) async throws -> Response {
        pages.page("sign-in", title: "Sign in", member: nil, values: [:])
    }

    /// A token or an invitation (its file's text) in the form's `credential`; a session on success.
    @Sendable func signIn(_ request: Request, context: DossierRequestContext) async throws -> Response {
        let form = try? await URLEncodedFormDecoder().decode(SignInForm.self, from: request, context: context)
        let text = (form?.credential ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var tokenText = text
        if text.hasPrefix("{") {
            let key = try await guarded(context) { try await identity.identity().publicKey }
            guard let invitation = try? SignedInvitation.verified(Data(text.utf8), expectedKey: key) else {
                return refused("that invitation is not one this server signed, or it expired")
            }
            tokenText = invitation.token
        }
        guard let token = AccessToken(tokenText) else { return refused("paste your token (dsr_…) or the text of your invitation file") }
        let member: Member
        do {
            member = try await TokenAuthenticator<Store>.member(for: token, store: store, now: settings.clock(), context: context)
        } catch let error as APIError {
            return refused(error.message)
        }
        let id = WebSessionCookie.newID()
        let now = settings.clock()
        try await guarded(context) {
            try await store.createWebSession(idHash: WebSessionCookie.hash(id), selector: token.selector, at: now,
                                             expiresAt: now + Int64(WebSessionCookie.lifetime) * 1000)
        }
        context.logger.info("web sign-in", metadata: ["dossier.user": "\(member.name)", "dossier.team": "\(member.team)"])
        var response = WebPages.redirect(to: "/incidents")
        response.setCookie(WebSessionCookie.cookie(id, secure: settings.tls != nil))
        return response
    }

    private func refused(_ why: String) -> Response {
        pages.page("sign-in", title: "Sign in", member: nil, values: ["error": why], status: .unauthorized)
    }

    @Sendable func signOut(_ request: Request, context: DossierRequestContext) async throws -> Response {
        if let id = request.cookies[WebSessionCookie.name]?.value {
            try await guarded(context) { try await store.deleteWebSession(idHash: WebSessionCookie.hash(id)) }
        }
        var response = WebPages.redirect(to: "/sign-in")
        response.setCookie(WebSessionCookie.cleared(secure: settings.tls != nil))
        return response
    }

    /// A file shipped with the view (the style sheet, the sign-in page's script).
    static func resource(_ name: String, _ ext: String, type: String) throws -> Response {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Resources"),
              let bytes = try? Data(contentsOf: url) else { throw HTTPError(.notFound) }
        var response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        response.headers[.contentType] = type
        response.headers[.cacheControl] = "max-age=3600"
        return response
    }

    @Sendable func incidents(_ request: Request, context: DossierRequestContext) async throws -> Response {
        let member = try context.requireMember()
        let query = IncidentQuery(request.uri.queryParameters)
        let actors = query.values["actor"] == nil ? nil
            : query.actors(among: try await guarded(context) { try await views.entries(team: member.teamID, filter: RecordFilter(entity: .actor)).entries })
        let entries = try await guarded(context) { try await views.entries(team: member.teamID, filter: query.filter).entries }
            .filter { query.matches($0, actors: actors) }
        let shown = entries.dropFirst(query.page * IncidentQuery.pageSize).prefix(IncidentQuery.pageSize)
        let rows = shown.map { entry -> [String: Any] in
            ["id": entry.id, "date": entry.date ?? "", "title": entry.label, "place": entry.place ?? "", "type": entry.eventType ?? "",
             "killed": entry.killed ?? "", "status": entry.reviewStatus ?? "", "conflicted": entry.conflicts > 0]
        }
        return pages.page("incidents", title: "Incidents", member: WebMember(member), values: [
            "rows": rows, "count": entries.count, "query": query.values, "empty": rows.isEmpty,
            "next": entries.count > (query.page + 1) * IncidentQuery.pageSize ? query.link(page: query.page + 1) : "",
            "previous": query.page > 0 ? query.link(page: query.page - 1) : "",
        ])
    }

    @Sendable func incident(_ request: Request, context: DossierRequestContext) async throws -> Response {
        let member = try context.requireMember()
        let id = try context.parameters.require("id")
        let dataset = try await guarded(context) { try await views.dataset(team: member.teamID) }
        guard let state = dataset[RecordKey(entity: .incident, id: id)], state.creation != nil else {
            return pages.page("not-found", title: "Not found", member: WebMember(member), values: [:], status: .notFound)
        }
        let changes = try await guarded(context) { try await store.changes(of: state.key, team: member.teamID) }
        return pages.page("incident", title: RecordView(state, in: dataset).label, member: WebMember(member),
                          values: IncidentPage(state: state, dataset: dataset, changes: changes).values)
    }

    @Sendable func team(_ request: Request, context: DossierRequestContext) async throws -> Response {
        let member = try context.requireMember()
        let users = try await guarded(context) { try await store.users(team: member.team) }
        let rows = users.map { user -> [String: Any] in
            ["name": user.name, "role": user.role.rawValue, "revoked": user.revokedAt != nil,
             "lastSeen": user.lastSeenAt.map(StoreClock.text) ?? "never"]
        }
        return pages.page("team", title: "Team \(member.team)", member: WebMember(member), values: ["users": rows])
    }
}

/// The sign-in form.
struct SignInForm: Decodable {
    /// A token, or an invitation file's text.
    var credential: String?
}

extension WebMember {
    /// The member as pages show them.
    init(_ member: Member) {
        self.init(name: member.name, team: member.team, role: member.role.rawValue)
    }
}
