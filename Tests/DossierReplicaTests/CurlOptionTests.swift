import CCurl
import DossierCore
@testable import DossierReplica
import DossierTestSupport
import Foundation
import Testing

/// libcurl's options: asking for HTTP/2 is a wish, not a requirement, and a refused option is named.
@Suite(.serialized) struct CurlOptionTests {
    /// A libcurl that refuses the HTTP version asked for (as one built without HTTP/2 refuses HTTP/2) still syncs.
    @Test func aRefusedHTTPVersionIsNotFatal() async throws {
        try await TeamServer.with(users: [("amina", "editor"), ("omar", "viewer")]) { server in
            let transport = CurlTransport(options: TransportTests.options(server, "amina"))
            var call = try transport.prepare(method: .get, path: "/v1/status", query: [:], body: nil)
            call.httpVersion = Int(CURL_HTTP_VERSION_LAST) + 1
            let refusing = call
            let reply = try await offPool {
                let pool = CurlHandlePool()
                let handle = try #require(pool.checkOut())
                defer { pool.checkIn(handle) }
                return try refusing.perform(on: handle)
            }
            #expect(reply.status == 200)
            #expect(try JSONDecoder().decode(StatusReply.self, from: reply.body).user == "amina")
        }
    }

    /// An option libcurl refuses is named as its documentation spells it, not by its number.
    @Test func aRefusedOptionIsNamed() throws {
        let pool = CurlHandlePool()
        let handle = try #require(pool.checkOut())
        defer { pool.checkIn(handle) }
        var setup = CurlSetup(handle: handle)
        setup.long(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_LAST) + 1)
        #expect(setup.failure?.option == "CURLOPT_HTTP_VERSION")
        #expect(setup.failure?.code == CURLE_UNSUPPORTED_PROTOCOL)
        setup.long(CURLOPT_CONNECTTIMEOUT_MS, -1)
        #expect(setup.failure?.option == "CURLOPT_HTTP_VERSION", "the first refusal is kept")
        #expect(CurlSetup.name(CURLOPT_PINNEDPUBLICKEY) == "CURLOPT_PINNEDPUBLICKEY")
    }
}
