/// A value as written: what, when (the version, which names the replica) and by whom.
public struct Write: Hashable, Sendable, Codable {
    /// The value written.
    public var value: JSONValue
    /// The change's version.
    public var version: HLC
    /// The writing user.
    public var author: String

    /// Creates a write.
    public init(value: JSONValue, version: HLC, author: String) {
        self.value = value
        self.version = version
        self.author = author
    }

    /// A total order used to break ties: version, then the value's canonical text, then the author.
    static func precedes(_ a: Write, _ b: Write) -> Bool {
        if a.version != b.version { return a.version < b.version }
        let (ta, tb) = (a.value.canonicalText, b.value.canonicalText)
        return ta != tb ? ta < tb : a.author < b.author
    }
}
