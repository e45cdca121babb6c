import DossierCore
import DossierTestSupport
@testable import DossierServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The team view's access rules through the router (issue 18): no session → the sign-in page; a session from a token or
/// an invitation, kept as a hash; another team's record → 404; viewers see what editors see; a revoked or replaced
/// token ends its sessions; sign-out ends one; a title with markup shows as text under a strict CSP.
@Suite struct WebAccessTests {
    @Test(arguments: StoreKind.allCases)
    func pagesNeedASessionOfTheMembersOwnTeam(_ kind: StoreKind) async throws {
        try await APIFixture.test(kind) { client, fixture in
            var amina = Researcher("amina", replica: "laptop1"), claire = Researcher("claire", replica: "laptop9", seed: 7)
            let kabul = try amina.incident("Suicide attack at Kabul airport <script>alert(1)</script>")
            let paris = try claire.incident("Attack in Paris")
            _ = try await fixture.store.push(EncodedChanges.encode([kabul]), team: 1, receivedAt: 1)
            _ = try await fixture.store.push(EncodedChanges.encode([paris]), team: 2, receivedAt: 1)

            try await client.execute(uri: "/incidents", method: .get) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/sign-in", "no session: the sign-in page")
            }
            let aminaCookie = try await Self.signIn(client, fixture.tokens["amina"]!)
            let omarCookie = try await Self.signIn(client, fixture.tokens["omar"]!)
            for cookie in [aminaCookie, omarCookie] {
                let list = try await Self.get(client, "/incidents", cookie: cookie)
                #expect(list.status == .ok && list.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !list.body.contains("<script>"))
                #expect(list.csp?.contains("default-src 'none'") == true)
                #expect(!list.body.contains("Attack in Paris"), "another team's incidents are not listed")
                #expect(try await Self.get(client, "/incidents/\(kabul.record)", cookie: cookie).status == .ok)
                #expect(try await Self.get(client, "/incidents/\(paris.record)", cookie: cookie).status == .notFound, "another team's record")
            }
            let stored = try await fixture.store.webSession(idHash: WebSessionCookie.hash(aminaCookie), now: 2)
            #expect(stored?.name == "amina", "the store finds a session by the hash of its id")

            try await fixture.store.revokeUser(named: "omar")
            #expect(try await Self.get(client, "/incidents", cookie: omarCookie).status == .seeOther, "a revoked token's session ends")
            try await client.execute(uri: "/sign-out", method: .post, headers: Self.cookieHeader(aminaCookie)) { response in
                #expect(response.status == .seeOther && response.headers[.setCookie]?.contains("Max-Age=0") == true)
            }
            #expect(try await Self.get(client, "/incidents", cookie: aminaCookie).status == .seeOther, "signed out")

            try await client.execute(uri: "/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "credential=dsr_0000")) { response in
                #expect(response.status == .unauthorized && response.headers[.setCookie] == nil)
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func everyPageAnswersAMemberAndSendsOthersToSignIn(_ kind: StoreKind) async throws {
        try await APIFixture.test(kind) { client, fixture in
            var amina = Researcher("amina", replica: "laptop1")
            _ = try await fixture.store.push(EncodedChanges.encode(try amina.incidents(3)), team: 1, receivedAt: systemWallClock())
            let cookie = try await Self.signIn(client, fixture.tokens["omar"]!)
            for page in ["/incidents", "/map", "/timeline", "/conflicts", "/activity", "/sources", "/actors", "/quotes", "/team"] {
                let answer = try await Self.get(client, page, cookie: cookie)
                #expect(answer.status == .ok && answer.csp != nil && answer.body.contains("omar"), "\(page): \(answer.status)")
                try await client.execute(uri: page, method: .get) { response in
                    #expect(response.status == .seeOther && response.headers[.location] == "/sign-in", "\(page) without a session")
                }
            }
            #expect(try await Self.get(client, "/activity", cookie: cookie).body.contains("amina: 3 change(s) to incident records"))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func pagesShowTheTeamsRecordsAsTheLogMoves(_ kind: StoreKind) async throws {
        try await APIFixture.test(kind) { client, fixture in
            var amina = Researcher("amina", replica: "laptop1")
            _ = try await fixture.store.push(EncodedChanges.encode([try amina.incident("First attack")]), team: 1, receivedAt: 1)
            let cookie = try await Self.signIn(client, fixture.tokens["amina"]!)
            let before = try await Self.get(client, "/incidents", cookie: cookie).body
            #expect(before.contains("First attack") && before.contains("1 incident(s)"))
            let second = try amina.incident("Second attack")
            let renamed = try amina.make(try Edit.set("title", to: "First attack, renamed", in: amina.dataset.records.values.first {
                $0.fields["title"]?.currentValue.stringValue == "First attack" }!), on: amina.dataset.records.keys.first {
                amina.dataset.records[$0]?.fields["title"]?.currentValue.stringValue == "First attack" }!)
            _ = try await fixture.store.push(EncodedChanges.encode([second, renamed]), team: 1, receivedAt: 2)
            let after = try await Self.get(client, "/incidents", cookie: cookie).body
            #expect(after.contains("Second attack") && after.contains("First attack, renamed") && after.contains("2 incident(s)"),
                    "the view takes the records changed since it last read them")
        }
    }

    /// Signs in with a token; returns the session cookie's value.
    static func signIn(_ client: any TestClientProtocol, _ token: String) async throws -> String {
        let body = "credential=" + (token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token)
        return try await client.execute(uri: "/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                        body: ByteBuffer(string: body)) { response in
            #expect(response.status == .seeOther)
            let header = try #require(response.headers[.setCookie])
            #expect(header.contains("HttpOnly") && header.contains("SameSite=Strict") && !header.contains(token))
            return String(header.split(separator: ";")[0].dropFirst("dossier_session=".count))
        }
    }

    static func cookieHeader(_ cookie: String) -> HTTPFields { [.cookie: "dossier_session=\(cookie)"] }

    /// A page's status, body and Content-Security-Policy.
    static func get(_ client: any TestClientProtocol, _ path: String, cookie: String) async throws -> (status: HTTPResponse.Status, body: String, csp: String?) {
        try await client.execute(uri: path, method: .get, headers: cookieHeader(cookie)) { response in
            (response.status, String(buffer: response.body), response.headers[.contentSecurityPolicy])
        }
    }
}
