import DossierCore
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

    /// A value as a person reads it.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: "—"
        case .string(let text): text
        case .array(let values): values.map(text).joined(separator: ", ")
        default: value.canonicalText
        }
    }
}
