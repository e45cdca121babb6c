import DossierCore
import DossierReplica
import Foundation

/// Printing: data on stdout, messages on stderr; text for people never carries control characters.
enum Output {
    /// One JSON document on stdout (sorted keys, indented).
    static func json<T: Encodable>(_ value: T) {
        FileHandle.standardOutput.write(CanonicalJSON.encodePretty(value) + Data("\n".utf8))
    }

    /// Lines for people on stdout, their control characters made visible (line breaks kept).
    static func line(_ text: String) {
        print(VisibleText.of(text, lineBreaks: true))
    }

    /// A message for people, on stderr.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data((VisibleText.of(text, lineBreaks: true) + "\n").utf8))
    }

    /// A conflict's candidates, numbered as `resolve --pick` takes them, each with author, replica and time.
    static func candidates(of conflict: Conflict, indent: String) {
        for (index, candidate) in conflict.candidates.enumerated() {
            let value = FieldText.display(candidate.value, field: conflict.field, of: conflict.record.entity)
            line("\(indent)[\(index + 1)] \(value)  — \(candidate.author) on \(candidate.replica), \(candidate.version.date)")
        }
    }
}
