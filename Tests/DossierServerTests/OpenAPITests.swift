import DossierTestSupport
import Foundation
import Hummingbird
import Testing

@testable import DossierServer

/// Keeps `Schema/openapi.yaml` true to the server: the same routes, and every error the server answers (SPEC §3).
@Suite struct OpenAPITests {

    /// The router's API routes and the YAML's operations are the same set of "METHOD /path" (the team view's HTML pages,
    /// off here with `--no-web`, are tested by WebAccessTests).
    @Test func openAPIDescribesExactlyTheServersRoutes() async throws {
        let directory = try ScratchFolder("openapi")
        let store = try SQLiteStore(path: directory.file("server.sqlite").path)
        try await store.migrate()
        var settings = ServerSettings()
        settings.web = false
        let router = buildRouter(store: store, settings: settings, metrics: ServerMetrics())

        let served = Set(router.routes.map { "\($0.method.rawValue.uppercased()) \($0.path.description)" })
        let documented = try Set(Self.operations(in: Self.specLines()).map(\.name))

        #expect(!served.isEmpty, "the router has no routes")
        #expect(served == documented, """
            routed but not in Schema/openapi.yaml: \(served.subtracting(documented).sorted()); \
            in Schema/openapi.yaml but not routed: \(documented.subtracting(served).sorted())
            """)
    }

    /// Every operation has a response with the shared Error schema, and every error status the server uses is documented.
    @Test func openAPIDocumentsTheServersErrors() throws {
        let lines = try Self.specLines()
        let errorResponses = Self.errorResponseNames(in: lines)
        #expect(!errorResponses.isEmpty, "components/responses has no response with the Error schema")

        let operations = Self.operations(in: lines)
        #expect(!operations.isEmpty, "no operations found under paths:")
        for operation in operations {
            let refs = operation.lines.compactMap(Self.ref(in:))
            let usesError = refs.contains { ref in
                ref == Self.errorSchemaRef || errorResponses.contains { ref == "#/components/responses/\($0)" }
            }
            #expect(usesError, "\(operation.name) has no response referencing \(Self.errorSchemaRef)")
        }

        let documented = Self.documentedStatuses(in: lines)
        let used = try Self.serverErrorStatuses()
        #expect(used.isSuperset(of: [400, 401, 403, 413, 415, 500, 503]), "the source scan missed known statuses: \(used.sorted())")
        #expect(used.isSubset(of: documented),
                "statuses the server answers but Schema/openapi.yaml does not document: \(used.subtracting(documented).sorted())")
    }

    // MARK: - Reading the YAML, line by line

    /// One operation of the YAML: its "METHOD /path" and the lines of its block.
    struct DocumentedOperation {
        /// "GET /v1/changes" and the like.
        let name: String
        /// The lines indented under the method.
        var lines: [String] = []
    }

    /// The `$ref` the whole document uses for the shared error body.
    static let errorSchemaRef = "#/components/schemas/Error"

    /// The lines of `Schema/openapi.yaml`.
    static func specLines() throws -> [String] {
        let text = try String(contentsOf: SchemaTests.root.appendingPathComponent("Schema/openapi.yaml"), encoding: .utf8)
        return text.components(separatedBy: "\n").map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
    }

    /// The operations under `paths:`: a path at two spaces, its methods at four.
    static func operations(in lines: [String]) -> [DocumentedOperation] {
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]
        var result: [DocumentedOperation] = []
        var inPaths = false
        var path: String?
        var inOperation = false
        for line in lines {
            guard let indent = indentation(of: line) else { continue }
            if indent == 0 {
                inPaths = key(of: line, indent: 0) == "paths"
                path = nil
                inOperation = false
            } else if !inPaths {
                continue
            } else if indent == 2 {
                path = key(of: line, indent: 2).flatMap { $0.hasPrefix("/") ? $0 : nil }
                inOperation = false
            } else if indent < 6 {
                let method = key(of: line, indent: 4)
                inOperation = path != nil && method.map { methods.contains($0) } == true
                if inOperation, let path, let method { result.append(DocumentedOperation(name: "\(method.uppercased()) \(path)")) }
            } else if inOperation, indent >= 6 {
                result[result.count - 1].lines.append(line)
            }
        }
        return result
    }

    /// The names under `components: responses:` whose content uses the Error schema.
    static func errorResponseNames(in lines: [String]) -> Set<String> {
        var names: Set<String> = []
        var inComponents = false
        var inResponses = false
        var current: String?
        for line in lines {
            guard let indent = indentation(of: line) else { continue }
            if indent == 0 {
                inComponents = key(of: line, indent: 0) == "components"
                inResponses = false
                current = nil
            } else if inComponents, indent == 2 {
                inResponses = key(of: line, indent: 2) == "responses"
                current = nil
            } else if inResponses, indent == 4 {
                current = key(of: line, indent: 4)
            } else if inResponses, let current, ref(in: line) == errorSchemaRef {
                names.insert(current)
            }
        }
        return names
    }

    /// The statuses the document answers with: every response key (`'404':`, `"404":` or `404:`), and the status a
    /// shared response under `components: responses:` names at the start of its description (`'404 not_found: …'`).
    static func documentedStatuses(in lines: [String]) -> Set<Int> {
        func leadingStatus(_ text: String) -> Int? {
            let digits = text.prefix { $0.isASCII && $0.isNumber }
            return digits.count == 3 ? Int(digits) : nil
        }
        var statuses: Set<Int> = []
        var inComponents = false
        var inResponses = false
        for (index, line) in lines.enumerated() {
            guard let indent = indentation(of: line) else { continue }
            if indent == 0 { inComponents = key(of: line, indent: 0) == "components" }
            if inComponents, indent == 2 { inResponses = key(of: line, indent: 2) == "responses" }
            if indent == 0 { inResponses = false }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasSuffix(":") {
                let name = trimmed.dropLast().trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
                if name.count == 3, let code = leadingStatus(name) { statuses.insert(code) }
            }
            if inResponses, indent == 6, trimmed.hasPrefix("description:") {
                var text = trimmed.dropFirst("description:".count).trimmingCharacters(in: CharacterSet(charactersIn: " '\"|>-"))
                if text.isEmpty, index + 1 < lines.count { text = lines[index + 1].trimmingCharacters(in: .whitespaces) }
                if let code = leadingStatus(text) { statuses.insert(code) }
            }
        }
        return statuses
    }

    /// The number of leading spaces of a line, or nil for a blank line or a comment.
    static func indentation(of line: String) -> Int? {
        let indent = line.prefix { $0 == " " }.count
        let rest = line.dropFirst(indent)
        return rest.isEmpty || rest.hasPrefix("#") ? nil : indent
    }

    /// The key of a `key:` line (nothing after the colon) indented by exactly `indent` spaces.
    static func key(of line: String, indent: Int) -> String? {
        guard line.prefix(while: { $0 == " " }).count == indent else { return nil }
        let rest = line.dropFirst(indent).trimmingCharacters(in: .whitespaces)
        guard rest.hasSuffix(":"), !rest.hasPrefix("-"), !rest.hasPrefix("#") else { return nil }
        return rest.dropLast().trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
    }

    /// The target of a `$ref:` line, without quotes.
    static func ref(in line: String) -> String? {
        guard let range = line.range(of: "$ref:") else { return nil }
        return line[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " '\""))
    }

    // MARK: - The statuses the server answers

    /// HTTP statuses by the name `APIError(.name, …)` uses in the server's source.
    static let statusCodes: [String: Int] = [
        "badRequest": HTTPResponse.Status.badRequest.code,
        "unauthorized": HTTPResponse.Status.unauthorized.code,
        "forbidden": HTTPResponse.Status.forbidden.code,
        "notFound": HTTPResponse.Status.notFound.code,
        "methodNotAllowed": HTTPResponse.Status.methodNotAllowed.code,
        "conflict": HTTPResponse.Status.conflict.code,
        "contentTooLarge": HTTPResponse.Status.contentTooLarge.code,
        "unsupportedMediaType": HTTPResponse.Status.unsupportedMediaType.code,
        "unprocessableContent": HTTPResponse.Status.unprocessableContent.code,
        "tooManyRequests": HTTPResponse.Status.tooManyRequests.code,
        "internalServerError": HTTPResponse.Status.internalServerError.code,
        "serviceUnavailable": HTTPResponse.Status.serviceUnavailable.code,
        "rangeNotSatisfiable": HTTPResponse.Status.rangeNotSatisfiable.code,
        "insufficientStorage": 507,
    ]

    /// The non-2xx statuses of every `APIError(.status, …)` in `Server/DossierServer` and of the named errors.
    static func serverErrorStatuses() throws -> Set<Int> {
        var statuses: Set<Int> = [
            APIError.unauthorized.status.code, APIError.viewerCannotPush.status.code, APIError.storeUnavailable.status.code,
            APIError.internalError.status.code, APIError.badRequest("").status.code,
            ErrorMiddleware<DossierRequestContext>.translate(HTTPError(.notFound)).status.code,
            ErrorMiddleware<DossierRequestContext>.translate(HTTPError(.methodNotAllowed)).status.code,
            ErrorMiddleware<DossierRequestContext>.translate(HTTPError(.contentTooLarge)).status.code,
        ]
        let sources = SchemaTests.root.appendingPathComponent("Server/DossierServer")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        var scanned = 0
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            scanned += 1
            let text = try String(contentsOf: file, encoding: .utf8)
            for piece in text.components(separatedBy: "APIError(.").dropFirst() {
                let name = String(piece.prefix { $0.isLetter || $0.isNumber })
                guard let code = statusCodes[name] else {
                    Issue.record("\(file.lastPathComponent) uses APIError(.\(name), …): add it to OpenAPITests.statusCodes")
                    continue
                }
                statuses.insert(code)
            }
        }
        #expect(scanned > 0, "no Swift files found under \(sources.path)")
        return statuses.filter { $0 >= 300 }
    }
}
