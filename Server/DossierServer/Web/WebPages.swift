import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// The team view's pages: swift-mustache templates shipped with the server (`Web/Resources/templates`), rendered into a
/// layout, every value HTML-escaped by Mustache's `{{…}}`, and served with a strict Content-Security-Policy: no script,
/// nothing from another origin, no framing.
struct WebPages: Sendable {
    let library: MustacheLibrary

    /// The templates as shipped, each registered under its file's name.
    static func load() throws -> WebPages {
        guard let folder = Bundle.module.url(forResource: "templates", withExtension: nil, subdirectory: "Resources"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            throw WebPagesError(message: "the team view's templates are missing from this build")
        }
        var library = MustacheLibrary()
        for name in names where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            try library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        return WebPages(library: library)
    }

    /// The security headers of every page.
    static let securityHeaders: [(HTTPField.Name, String)] = [
        (.contentSecurityPolicy, "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
        (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
        (HTTPField.Name("Referrer-Policy")!, "no-referrer"),
        (.cacheControl, "no-store"),
    ]

    /// A page: `template` rendered with `values`, inside the layout with its title and the member's team.
    func page(_ template: String, title: String, member: WebMember?, values: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        var context = values
        context["title"] = title
        if let member { context["member"] = ["name": member.name, "team": member.team, "role": member.role] }
        let body = library.render(context, withTemplate: template) ?? ""
        context["body"] = body
        let html = library.render(context, withTemplate: "layout") ?? body
        return Self.html(html, status: status)
    }

    /// An HTML response with the security headers.
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        for (name, value) in securityHeaders { headers[name] = value }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A redirect after a form or to the sign-in page (303, so the browser follows with GET).
    static func redirect(to path: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = path
        for (name, value) in securityHeaders { headers[name] = value }
        return Response(status: .seeOther, headers: headers)
    }
}

/// Who is signed in, as pages show it.
struct WebMember: Sendable {
    /// The user's name.
    var name: String
    /// The team.
    var team: String
    /// The role.
    var role: String
}

/// The templates could not be loaded.
struct WebPagesError: Error, CustomStringConvertible {
    /// Why.
    var message: String
    var description: String { message }
}
