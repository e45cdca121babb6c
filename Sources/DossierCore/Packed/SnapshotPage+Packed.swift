/// A snapshot page in the packed form: what a replica asks for with `Accept: application/vnd.dossier.packed`.
///
/// Layout: the format byte, the cursor, a presence flag and the `next_after` text, the record count, then each
/// record as its length and its packed state (`RecordState.packed()`). A server sends its stored states as they are.
extension SnapshotPage {
    /// The first byte of a packed page.
    public static let packedFormat: UInt8 = 1

    /// The page in the packed form.
    public var packed: [UInt8] {
        var w = PackedWriter(capacity: states.reduce(32) { $0 + $1.count + 3 })
        w.byte(Self.packedFormat)
        w.int(cursor)
        w.flag(nextAfter != nil)
        if let nextAfter { w.string(nextAfter) }
        w.count(states.count)
        for state in states {
            w.count(state.count)
            w.bytes.append(contentsOf: state)
        }
        return w.bytes
    }

    /// Reads a packed page; each state's first byte is checked, the rest is read when the state is.
    public init(packed bytes: [UInt8]) throws {
        var r = PackedReader(bytes)
        guard try r.byte() == Self.packedFormat else { throw PackedError("the snapshot page is in a packed format this client does not know") }
        let cursor = try r.int()
        let nextAfter = try r.flag() ? try r.string() : nil
        let n = try r.count()
        var states: [[UInt8]] = []
        states.reserveCapacity(n)
        for _ in 0..<n {
            let state = try r.raw(try r.count())
            guard state.first == RecordState.packedFormat else { throw PackedError("a snapshot record is not packed") }
            states.append(state)
        }
        guard r.isAtEnd else { throw PackedError("the snapshot page has bytes after its end") }
        self.init(states: states, cursor: cursor, nextAfter: nextAfter)
    }
}
