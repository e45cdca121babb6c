import Hummingbird
import HummingbirdCore
import Logging

/// Logs each request's method and path, like Hummingbird's `LogRequestsMiddleware`, but never a secret: the query
/// string keeps only the values of `after` and `limit`, and any run of 16 or more hex digits (a token's selector or
/// secret, pasted where it does not belong) is masked. Headers are never logged.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The level requests are logged at.
    let level: Logger.Level

    /// Logs the request, then passes it on.
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        context.logger.log(level: level, "Request", metadata: [
            "hb.request.path": .string(Self.loggable(request.uri)),
            "hb.request.method": .string(Self.masked(request.method.rawValue)),
        ])
        return try await next(request, context)
    }

    /// The path and query as logged.
    static func loggable(_ uri: URI) -> String {
        let parameters = uri.queryParameters.map { parameter in
            let known = ["after", "limit"].contains(String(parameter.key)) && parameter.value.count <= 80
            return "\(masked(String(parameter.key)))=\(known ? masked(String(parameter.value)) : "***")"
        }
        return masked(uri.path) + (parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&"))
    }

    /// The text with every run of 16 or more hex digits replaced by `***`.
    static func masked(_ text: String) -> String {
        var result = ""
        var run = ""
        func flush() {
            result += run.count >= 16 ? "***" : run
            run = ""
        }
        for character in text {
            if character.isHexDigit {
                run.append(character)
            } else {
                flush()
                result.append(character)
            }
        }
        flush()
        return result
    }
}
