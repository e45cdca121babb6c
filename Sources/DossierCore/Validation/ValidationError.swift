/// A change that breaks a rule of the model: names the field and the rule.
public struct ValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The field (or `record`, `author`, `op`) at fault, dotted for nested values: `casualties.low`.
    public var field: String
    /// The rule broken, in words a researcher reads.
    public var rule: String

    /// Creates an error.
    public init(field: String, rule: String) {
        self.field = field
        self.rule = rule
    }

    public var description: String { "\(field): \(rule)" }
}
