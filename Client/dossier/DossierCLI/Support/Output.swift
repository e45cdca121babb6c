import DossierCore
import DossierReplica
import Foundation

/// Printing: data on stdout, messages on stderr.
enum Output {
    /// One JSON document on stdout (sorted keys, indented).
    static func json<T: Encodable>(_ value: T) {
        FileHandle.standardOutput.write(CanonicalJSON.encodePretty(value) + Data("\n".utf8))
    }

    /// A message for people, on stderr.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// A conflict's candidates, numbered as `resolve --pick` takes them, each with author, replica and time.
    static func candidates(of conflict: Conflict, indent: String) {
        for (index, candidate) in conflict.candidates.enumerated() {
            let value = FieldText.display(candidate.value, field: conflict.field, of: conflict.record.entity)
            print("\(indent)[\(index + 1)] \(value)  — \(candidate.author) on \(candidate.replica), \(candidate.version.date)")
        }
    }
}
