/// What a researcher typed after `dossier search`, as an FTS5 expression over folded text. Words match whole
/// (`word*` as a prefix); a word joined by hyphens or other punctuation (IS-K, OEI-K) and a "quoted phrase" match
/// as consecutive words; `OR` between two terms matches either; terms are otherwise all required. Nothing typed
/// is passed to FTS5 as syntax, so no input is a syntax error.
struct SearchQuery: Equatable {
    /// The MATCH expression; nil when the input holds no word.
    let expression: String?

    /// Parses `typed`.
    init(_ typed: String) {
        var parts: [String] = []
        var pendingOr = false
        func add(_ text: Substring, prefix: Bool) {
            let words = SearchFolding.words(SearchFolding.fold(String(text)))
            guard !words.isEmpty else { return }
            if pendingOr, !parts.isEmpty { parts.append("OR") }
            pendingOr = false
            parts.append("\"" + words.joined(separator: " ") + "\"" + (prefix ? "*" : ""))
        }
        var rest = typed[...]
        while let first = rest.first {
            if first.isWhitespace { rest = rest.dropFirst(); continue }
            if first == "\"" {
                let body = rest.dropFirst()
                let close = body.firstIndex(of: "\"") ?? body.endIndex
                rest = close == body.endIndex ? body[close...] : body[body.index(after: close)...]
                let prefix = rest.first == "*"
                if prefix { rest = rest.dropFirst() }
                add(body[..<close], prefix: prefix)
                continue
            }
            let end = rest.firstIndex(where: { $0.isWhitespace || $0 == "\"" }) ?? rest.endIndex
            let chunk = rest[..<end]
            rest = rest[end...]
            if chunk == "OR" { pendingOr = true; continue }
            let prefix = chunk.hasSuffix("*")
            add(prefix ? chunk.dropLast() : chunk, prefix: prefix)
        }
        expression = parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}
