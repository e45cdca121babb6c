import Foundation

/// A parsed JSON document, to read the CLI's `--json` output and exports without fixing their shape in types.
enum JSONValue: Decodable, Equatable, Sendable {
    /// `null`: not stated.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// Any number.
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object.
    case object([String: JSONValue])

    /// Parses `data` as exactly one JSON document (trailing text is an error).
    static func parse(_ data: Data, context: String = "output") throws -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw CommandFailed(description: "\(context) is not one JSON document (\(error)):\n\(String(decoding: data, as: UTF8.self))")
        }
    }

    /// Decodes any JSON value.
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// The member named `key` of an object; nil when absent or not an object.
    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The text, if this is a string.
    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The number, if this is a number.
    var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The number as an integer, if this is a whole number.
    var int: Int? { number.flatMap { $0 == $0.rounded() ? Int($0) : nil } }

    /// The flag, if this is a boolean.
    var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    var array: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The members, if this is an object.
    var object: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The elements' strings, if this is an array of strings.
    var strings: [String]? { array?.compactMap(\.string) }
}
