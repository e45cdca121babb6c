/// A hit's text for display: the stored (unfolded) text around the first match, matches in [brackets].
enum SearchSnippet {
    /// The marks FTS5's highlight() puts around matched words of the folded text.
    static let open: Unicode.Scalar = "\u{E000}", close: Unicode.Scalar = "\u{E001}"

    /// Maps the marks of `highlighted` (the folded `text` with marks) back onto `text`, and keeps about `words`
    /// words from just before the first match, with … where text was cut.
    static func make(text: String, highlighted: String, words: Int = 12) -> String {
        let marked = Array(highlighted.unicodeScalars)
        var position = 0
        var out: [Unicode.Scalar] = []
        var firstMatch: Int?
        func copyMarks() {
            while position < marked.count, marked[position] == open || marked[position] == close {
                if marked[position] == open, firstMatch == nil { firstMatch = out.count }
                out.append(marked[position] == open ? "[" : "]")
                position += 1
            }
        }
        for scalar in text.unicodeScalars {
            if SearchFolding.fold(scalar) != nil {
                copyMarks()
                position += 1
            }
            out.append(scalar)
        }
        copyMarks()
        return window(out, around: firstMatch ?? 0, words: words)
    }

    private static func window(_ scalars: [Unicode.Scalar], around match: Int, words limit: Int) -> String {
        var words: [String] = []
        var matchWord = 0
        var word = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if index == match { matchWord = words.count }
            if scalar.properties.isWhitespace {
                if !word.isEmpty { words.append(String(word)); word = String.UnicodeScalarView() }
            } else {
                word.append(scalar)
            }
        }
        if !word.isEmpty { words.append(String(word)) }
        let start = max(0, min(matchWord - 3, words.count - limit))
        let end = min(words.count, start + limit)
        guard start < end else { return "" }
        return (start > 0 ? "…" : "") + words[start..<end].joined(separator: " ") + (end < words.count ? "…" : "")
    }
}
