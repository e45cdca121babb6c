import DossierCore
import HTTPTypes
import Hummingbird

/// Turns every error into the JSON error shape, adds the protocol header, and refuses a client that
/// speaks another protocol version. Unexpected errors are logged in full and answered without detail.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            try checkProtocol(request)
            response = try await next(request, context)
        } catch let error as APIError {
            response = try error.response(from: request, context: context)
        } catch let error as HTTPError {
            response = try Self.translate(error).response(from: request, context: context)
        } catch {
            context.logger.error("request failed", metadata: ["dossier.error": "\(String(reflecting: error))"])
            response = try APIError.internalError.response(from: request, context: context)
        }
        response.headers[HTTPField.Name(SyncProtocol.versionHeader)!] = String(SyncProtocol.version)
        return response
    }

    private func checkProtocol(_ request: Request) throws {
        guard let text = request.headers[HTTPField.Name(SyncProtocol.versionHeader)!] else { return }
        guard let version = Int(text), version == SyncProtocol.version else {
            let advice = (Int(text) ?? 0) > SyncProtocol.version ? "upgrade the server, or use an older client" : "upgrade the dossier client"
            throw APIError(.badRequest, "protocol_mismatch",
                           "this server speaks Dossier protocol \(SyncProtocol.version), the client speaks \(text); \(advice)")
        }
    }

    static func translate(_ error: HTTPError) -> APIError {
        switch error.status {
        case .notFound: APIError(.notFound, "not_found", "no such endpoint; see Schema/openapi.yaml for the API")
        case .methodNotAllowed: APIError(.methodNotAllowed, "method_not_allowed", "this endpoint does not take that method")
        case .contentTooLarge: APIError(.contentTooLarge, "too_large",
            "the request body is larger than the server accepts; push fewer changes per batch")
        case .unauthorized: APIError.unauthorized
        default: APIError(error.status, "bad_request", error.body ?? "the request could not be read")
        }
    }
}
