import DossierCore
import Foundation

/// Turns researchers' text into Markdown that shows it as typed: no accidental emphasis, links, HTML or lists.
enum MarkdownText {
    /// Characters that Markdown could read as syntax anywhere in a line.
    static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "#", "|"]

    /// Text on one line (line breaks become spaces), escaped.
    static func inline(_ text: String) -> String {
        var result = ""
        for character in text {
            if character.isNewline {
                if result.last != " " { result.append(" ") }
            } else {
                if special.contains(character) { result.append("\\") }
                result.append(character)
            }
        }
        return result.trimmingCharacters(in: .whitespaces)
    }

    /// Text kept on its own lines, each escaped, with list or heading markers at a line's start neutralised.
    static func lines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { raw in
            let line = inline(String(raw))
            guard let first = line.first else { return line }
            if "-+=".contains(first) { return "\\" + line }
            let digits = line.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, let next = line.dropFirst(digits.count).first, next == "." || next == ")" {
                return digits + "\\" + line.dropFirst(digits.count)
            }
            return line
        }
    }

    /// Text as a block quote.
    static func blockquote(_ text: String) -> String {
        lines(text).map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")
    }

    /// Text as a paragraph (its blank lines still split it).
    static func paragraph(_ text: String) -> String {
        lines(text).joined(separator: "\n")
    }

    /// Text in italics.
    static func emphasis(_ text: String) -> String {
        "*" + inline(text) + "*"
    }

    /// A URL as a link when it is safe to show as one, else as escaped text.
    static func link(_ url: String) -> String {
        let plain = url.contains { $0.isWhitespace || $0 == "<" || $0 == ">" }
        return plain ? inline(url) : "<" + url + ">"
    }

    /// A field value as text: strings as they are, `null` as "(none)", anything else as canonical JSON.
    static func value(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .null: "(none)"
        default: value.canonicalText
        }
    }
}
