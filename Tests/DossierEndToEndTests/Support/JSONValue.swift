import DossierCore
import DossierTestSupport
import Foundation

/// Reading the CLI's `--json` output and exports as `DossierCore.JSONValue`, without fixing their shape in types.
extension JSONValue {
    /// Parses `data` as exactly one JSON document (trailing text is an error).
    static func parse(_ data: Data, context: String = "output") throws -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw CommandFailed(description: "\(context) is not one JSON document (\(error)):\n\(String(decoding: data, as: UTF8.self))")
        }
    }

    /// The member named `key` of an object; nil when absent or not an object.
    subscript(key: String) -> JSONValue? { objectValue?[key] }

    /// The text, if this is a string.
    var string: String? { stringValue }

    /// The number, if this is a number (integer or not).
    var number: Double? { doubleValue }

    /// The number as an integer, if this is a whole number.
    var int: Int? { number.flatMap { $0 == $0.rounded() ? Int($0) : nil } }

    /// The flag, if this is a boolean.
    var bool: Bool? { boolValue }

    /// The elements, if this is an array.
    var array: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The members, if this is an object.
    var object: [String: JSONValue]? { objectValue }

    /// The elements' strings, if this is an array of strings.
    var strings: [String]? { array?.compactMap(\.string) }
}
