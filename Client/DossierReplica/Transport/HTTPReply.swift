import Foundation

/// A server's answer: status, headers (names lower-cased) and the body, already un-gzipped.
public struct HTTPReply: Sendable, Equatable {
    /// The HTTP status code.
    public var status: Int
    /// The response headers, names lower-cased; a repeated header keeps its last value.
    public var headers: [String: String]
    /// The body bytes (decoded from gzip when the server compressed them).
    public var body: Data

    /// Creates a reply.
    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
        self.body = body
    }

    /// A header's value by case-insensitive name.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// One raw header line as libcurl hands it over: a status line (`HTTP/1.1 200 OK`) gives its code, a header its
    /// lower-cased name and trimmed value; anything else nothing.
    static func reading(line: String) -> (status: Int?, header: (name: String, value: String)?) {
        if line.hasPrefix("HTTP/") { return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0, nil) }
        guard let colon = line.firstIndex(of: ":") else { return (nil, nil) }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        guard !name.isEmpty else { return (nil, nil) }
        return (nil, (name, line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// True for 2xx statuses.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The `Retry-After` delay in seconds, when the header holds a whole number of seconds.
    public var retryAfter: Double? {
        guard let text = header("retry-after")?.trimmingCharacters(in: .whitespaces), let seconds = Int(text), seconds >= 0 else {
            return nil
        }
        return Double(seconds)
    }
}
