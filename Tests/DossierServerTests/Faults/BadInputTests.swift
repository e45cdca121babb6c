import CompressNIO
import DossierCore
import DossierTestSupport
@testable import DossierServer
import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// Bad input against the live server (real HTTP parsing on loopback): an unreadable request gets a clear 4xx JSON
/// error and never a 5xx, a bad change in a readable batch gets a `rejected` receipt with its reason, and afterwards
/// the store holds exactly the good changes, read straight from the store.
@Suite struct BadInputTests {
    /// One unreadable push: its body and headers, the status and code it must get, and a phrase its message must contain.
    struct Unreadable: Sendable {
        /// What the case is.
        var name: String
        /// The body as sent.
        var body: ByteBuffer
        /// Extra headers (`Content-Encoding`).
        var headers: HTTPFields = [:]
        /// The status it must get.
        var status: HTTPResponse.Status = .badRequest
        /// The error code it must get.
        var code = "bad_request"
        /// A phrase the error message must contain.
        var phrase = ""
    }

    /// Every unreadable body carries a valid change, so a server that stored anything of it would be caught.
    static func unreadableBodies(around good: Change) throws -> [Unreadable] {
        let element = Body.json(good)
        let whole = "{\"changes\":[\(element)]}"
        func text(_ name: String, _ body: String, _ phrase: String = "") -> Unreadable {
            Unreadable(name: name, body: ByteBuffer(string: body), phrase: phrase)
        }
        func bytes(_ name: String, replacing target: String, with replacement: [UInt8], _ phrase: String) -> Unreadable {
            let range = whole.range(of: target)!
            let data = Array(whole[..<range.lowerBound].utf8) + replacement + Array(whole[range.upperBound...].utf8)
            return Unreadable(name: name, body: ByteBuffer(bytes: data), phrase: phrase)
        }
        let padded = whole + String(repeating: " ", count: ServerSettings().maxBodyBytes)
        var gzipHeaders = HTTPFields()
        gzipHeaders[.contentEncoding] = "gzip"
        var brotliHeaders = HTTPFields()
        brotliHeaders[.contentEncoding] = "br"
        var bomb = ByteBuffer(string: padded)
        var cut = ByteBuffer(string: "{\"changes\":[" + element.prefix(40))
        return [
            text("truncated in the middle", String(whole.prefix(whole.count / 2)), "not valid JSON"),
            text("truncated by one byte", String(whole.dropLast()), "not valid JSON"),
            text("empty body", "", "not valid JSON"),
            text("form encoding", "changes=" + element, "not valid JSON"),
            text("single quotes", whole.replacingOccurrences(of: "\"", with: "'"), "not valid JSON"),
            text("a bare array of changes", "[\(element)]", "wrong type"),
            text("null", "null", "wrong type"),
            text("changes is one change", "{\"changes\":\(element)}", "changes: wrong type"),
            text("changes is text", "{\"changes\":\"\(good.id)\"}", "changes: wrong type"),
            text("changes is null", "{\"changes\":null}", "changes"),
            text("no changes key", "{\"change\":[\(element)]}", "change: unknown key"),
            text("an unknown top-level key", "{\"changes\":[\(element)],\"colour\":1}", "colour: unknown key"),
            text("trailing garbage", whole + " x", "not valid JSON"),
            text("two documents", whole + whole, "not valid JSON"),
            bytes("invalid UTF-8 in a string", replacing: "Kabul", with: [0x4B, 0xFF, 0xFE, 0x6C], "UTF-8"),
            bytes("an overlong UTF-8 slash", replacing: "Kabul", with: [0xC0, 0xAF], "UTF-8"),
            bytes("a lone continuation byte", replacing: "Kabul", with: [0x80], "UTF-8"),
            text("100 000 nested arrays", "{\"changes\":[" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "]}",
                 "more than \(Wire.maxDepth) deep"),
            text("a million unclosed arrays", String(repeating: "[", count: 1_000_000), "more than \(Wire.maxDepth) deep"),
            text("nested objects in a field", whole.replacingOccurrences(of: "\"Kabul airport\"",
                 with: String(repeating: "{\"a\":", count: 1_000) + "1" + String(repeating: "}", count: 1_000)), "deep"),
            Unreadable(name: "gzip that is not gzip", body: ByteBuffer(string: whole), headers: gzipHeaders, phrase: "gzip"),
            Unreadable(name: "gzip of truncated JSON", body: try cut.compress(with: .gzip()), headers: gzipHeaders, phrase: "not valid JSON"),
            Unreadable(name: "an unsupported encoding", body: ByteBuffer(string: whole), headers: brotliHeaders,
                       status: .unsupportedMediaType, code: "unsupported_encoding", phrase: "'br' is not supported"),
            Unreadable(name: "a body over the limit", body: ByteBuffer(string: padded), status: .contentTooLarge, code: "too_large",
                       phrase: "over the server's limit"),
            Unreadable(name: "gzip over the limit once inflated", body: try bomb.compress(with: .gzip()), headers: gzipHeaders,
                       status: .contentTooLarge, code: "too_large", phrase: "over the server's limit"),
        ]
    }

    /// Truncated, malformed, mistyped, non-UTF-8, deeply nested, oversized and badly encoded bodies: 400/413/415 JSON, nothing stored.
    @Test func unreadableBodiesAreClear4xxErrorsAndStoreNothing() async throws {
        try await LiveHarness.run { live in
            var amina = Researcher("amina", replica: "laptop1", millis: systemWallClock())
            let good = try amina.incident()
            let cases = try Self.unreadableBodies(around: good)
            for unreadable in cases {
                let reply = try await live.push("amina", unreadable.body, headers: unreadable.headers)
                reply.expectError(unreadable.status, unreadable.code, unreadable.name)
                let message = (try? reply.decode(ErrorReply.self).error.message) ?? ""
                #expect(message.contains(unreadable.phrase), "\(unreadable.name): \(message)")
            }
            #expect(try await live.contents(of: "amina") == TeamContents(head: 0, changes: [], records: []))
            // The server is still up and the same change, sent readably, is stored once.
            let reply = try await live.push("amina", HTTPJSON.body(PushRequest(changes: [good])))
            #expect(try reply.receipts().map(\.status) == [.accepted])
            #expect(try await live.contents(of: "amina").changes == [good])
        }
    }

    /// More than `maxPushBatch` changes is 413 `batch_too_large` with nothing stored; exactly `maxPushBatch` is read.
    @Test func aBatchOverTheLimitIs413AndStoresNothingWhileOneAtTheLimitIsRead() async throws {
        try await LiveHarness.run { live in
            var amina = Researcher("amina", replica: "laptop1", millis: systemWallClock())
            let tooMany = try amina.incidents(SyncProtocol.maxPushBatch + 1)
            let reply = try await live.push("amina", HTTPJSON.body(PushRequest(changes: tooMany)))
            reply.expectError(.contentTooLarge, "batch_too_large", "a batch of \(tooMany.count)")
            #expect(try await live.contents(of: "amina").head == 0)
            let atTheLimit = Body.push(Array(repeating: "{}", count: SyncProtocol.maxPushBatch))
            let receipts = try await live.push("amina", atTheLimit).receipts()
            #expect(receipts.count == SyncProtocol.maxPushBatch && receipts.allSatisfy { $0.code == "malformed" })
            #expect(try await live.contents(of: "amina").head == 0)
        }
    }

    /// Every bad change gets its own rejected receipt and reason; the store holds exactly the good ones, also after a retry.
    @Test func aBatchWithBadChangesStoresExactlyTheGoodOnesAndRejectsEachBadOneWithItsReason() async throws {
        try await LiveHarness.run { live in
            let batch = try BadBatch(now: systemWallClock())
            let body = Body.push(batch.elements.map(\.json))
            let first = try await live.push("amina", body)
            #expect(first.status == .ok, "\(first.text.prefix(300))")
            let receipts = try first.receipts()
            try #require(receipts.count == batch.elements.count)
            for (element, receipt) in zip(batch.elements, receipts) {
                switch element.outcome {
                case .accepted: #expect(receipt.status == .accepted, "\(element.name): \(receipt)")
                case .alreadyHad: #expect(receipt.status == .alreadyHad, "\(element.name): \(receipt)")
                case .rejected(let code, let phrase):
                    #expect(receipt.status == .rejected && receipt.code?.rawValue == code, "\(element.name): \(receipt)")
                    #expect(receipt.message?.contains(phrase) == true, "\(element.name): \(receipt.message ?? "no message")")
                    #expect(receipt.message.map { !$0.contains("Swift") && !$0.contains("Cannot initialize") } == true, "\(element.name)")
                }
                if let id = (try? JSONDecoder().decode(Change.self, from: Data(element.json.utf8)))?.id.description {
                    #expect(receipt.id == id, "\(element.name)")
                }
            }
            let expected = Self.contents(of: batch.goods)
            #expect(try await live.contents(of: "amina") == expected)

            // The same batch again: the good ones are already had, the bad ones rejected alike, the store unchanged.
            let again = try await live.push("amina", body).receipts()
            #expect(again.map(\.status) == receipts.map { $0.status == .accepted ? Receipt.Status.alreadyHad : $0.status })
            #expect(again.map(\.code) == receipts.map(\.code))
            // A stored id reused with other content in a later batch is rejected too.
            var reused = batch.goods[1]
            reused.operation = .addClaim(field: "casualties", claim: CasualtyClaim(kind: "killed", low: 13, high: 13, source: reused.record))
            let third = try await live.push("amina", HTTPJSON.body(PushRequest(changes: [reused]))).receipts()
            #expect(third.map(\.code) == ["id_reused"])
            #expect(try await live.contents(of: "amina") == expected)
        }
    }

    /// Garbage `after`/`limit`, bodies on GET, any Content-Type, unrouted methods and protocol headers get clear answers.
    @Test(arguments: StoreKind.allCases)
    func queryStringsMethodsAndHeadersGetClearAnswers(_ kind: StoreKind) async throws {
        try await LiveHarness.run(kind) { live in
            let auth = live.fixture.auth("amina")
            var amina = Researcher("amina", replica: "laptop1", millis: systemWallClock())
            let stored = try amina.incidents(2)
            _ = try await live.push("amina", HTTPJSON.body(PushRequest(changes: stored)))
            let garbage = ["abc", "-1", "1.5", "1e3", "", "0x10", "99999999999999999999999", "%00", "%FF%FE", "1%20OR%201=1", "1,2"]
            for value in garbage {
                for uri in ["/v1/changes?after=\(value)", "/v1/changes?limit=\(value)", "/v1/snapshot?limit=\(value)"] {
                    try await live.send(.get, uri, headers: auth).expectError(.badRequest, "bad_request", uri)
                }
            }
            for uri in ["/v1/changes?limit=0", "/v1/changes?limit=5001", "/v1/snapshot?limit=0", "/v1/snapshot?after=incident",
                        "/v1/snapshot?after=weapon/\(stored[0].record)", "/v1/snapshot?after=incident/", "/v1/snapshot?after=incident/%00",
                        "/v1/snapshot?after=incident/x%FF", "/v1/snapshot?after=incident/" + String(repeating: "z", count: 10_000)] {
                try await live.send(.get, uri, headers: auth).expectError(.badRequest, "bad_request", String(uri.prefix(80)))
            }
            let last = try await live.send(.get, "/v1/changes?after=\(Int64.max)&limit=5000", headers: auth).decode(PullPage.self)
            #expect(try last.changes.isEmpty && last.next == Int64.max && !last.more)
            // A body on a GET is ignored.
            let withBody = try await live.send(.get, "/v1/changes", headers: auth, body: ByteBuffer(string: "{\"changes\": [nonsense"))
            #expect(try withBody.decode(PullPage.self).changes == stored)
            // A push is read as JSON whatever its Content-Type says (curl's default is form encoding).
            for type in ["text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x"] {
                var headers = auth
                headers[.contentType] = type
                let change = try amina.incident("Sent as \(type)")
                let receipts = try await live.send(.post, "/v1/changes", headers: headers, body: HTTPJSON.body(PushRequest(changes: [change]))).receipts()
                #expect(receipts.map(\.status) == [.accepted], "\(type)")
            }
            // Methods an endpoint does not take are 404 JSON, with or without a token; HEAD gets the status alone.
            for path in ["/v1/changes", "/v1/snapshot", "/v1/status", "/healthz", "/metrics", "/v1/changes/1", "/v1", "/"] {
                for method in [HTTPRequest.Method.put, .delete, .patch, .options, .post, .head] {
                    if method == .post && path == "/v1/changes" { continue }
                    for headers in [auth, HTTPFields()] {
                        let reply = try await live.send(method, path, headers: headers, body: method == .head ? nil : ByteBuffer(string: "{}"))
                        if method == .head {
                            #expect(reply.status == .notFound && reply.body.readableBytes == 0, "HEAD \(path)")
                        } else {
                            reply.expectError(.notFound, "not_found", "\(method) \(path)")
                        }
                    }
                }
            }
            for version in ["2", "0", "abc", "1.0", ""] {
                var headers = auth
                headers[HTTPField.Name(SyncProtocol.versionHeader)!] = version
                try await live.send(.get, "/v1/status", headers: headers).expectError(.badRequest, "protocol_mismatch", "protocol '\(version)'")
            }
            #expect(try await live.contents(of: "amina").changes.count == stored.count + 4)
        }
    }

    /// A client that closes before sending its declared Content-Length gets no 5xx (not even unseen) and stores nothing.
    @Test func aBodyCutShortByTheClientIsNeverA5xxAndStoresNothing() async throws {
        try await LiveHarness.run { live in
            var amina = Researcher("amina", replica: "laptop1", millis: systemWallClock())
            let body = Array(CanonicalJSON.encode(PushRequest(changes: try amina.incidents(3))))
            let head = "POST /v1/changes HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(live.fixture.tokens["amina"]!)\r\n"
                + "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
            let response = try RawSocket.exchange(port: live.port, Array(head.utf8) + body.prefix(body.count - 10), shutWriting: true)
            if let status = RawSocket.status(of: response) {
                #expect((400..<500).contains(status), "\(response.prefix(300))")
            }
            #expect(try await live.contents(of: "amina").head == 0)
            #expect(try await live.send(.get, "/healthz").status == .ok)
        }
    }

    /// What the store must hold after exactly these changes were accepted.
    static func contents(of goods: [Change]) -> TeamContents {
        var dataset = Dataset()
        dataset.apply(contentsOf: goods)
        let records = dataset.records.keys.sorted().map { String(decoding: CanonicalJSON.encode(dataset[$0]!), as: UTF8.self) }
        return TeamContents(head: Int64(goods.count), changes: goods, records: records)
    }
}
