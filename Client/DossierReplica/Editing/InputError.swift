/// Input a researcher typed that cannot be used: what is wrong and what to do (the CLI prints both on one line, exit 1).
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// What to do.
    public var hint: String

    /// Creates an error.
    public init(_ message: String, hint: String) {
        self.message = message
        self.hint = hint
    }

    public var description: String { message }
}
