/// The packed form of the pieces every merge rule stores: an optional write, and a version set.
extension PackedWriter {
    /// Appends an optional write: a presence flag, then value, version and author.
    mutating func write(_ write: Write?) {
        flag(write != nil)
        guard let write else { return }
        json(write.value); hlc(write.version); string(write.author)
    }
}

extension PackedReader {
    /// Reads what `PackedWriter.write(_:)` wrote.
    mutating func write() throws -> Write? {
        guard try flag() else { return nil }
        return Write(value: try json(), version: try hlc(), author: try string())
    }
}
