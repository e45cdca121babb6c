/// A snapshot page in the packed form: what a replica asks for with `Accept: application/vnd.dossier.packed`.
///
/// Layout: the format byte, the cursor, a presence flag and the `next_after` text, the record count, then each
/// record as its length and its packed state (`RecordState.packed()`). A server sends its stored states as they are.
extension SnapshotPage {
    /// The first byte of a packed page.
    public static let packedFormat: UInt8 = 1

    /// Builds a packed page from records already packed.
    public static func packed(states: [[UInt8]], cursor: Int64, nextAfter: String?) -> [UInt8] {
        var w = PackedWriter(capacity: states.reduce(32) { $0 + $1.count + 3 })
        w.byte(packedFormat)
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

    /// The page in the packed form.
    public func packed() -> [UInt8] {
        Self.packed(states: records.map { $0.packed() }, cursor: cursor, nextAfter: nextAfter)
    }

    /// Reads a packed page: each record with its packed bytes, to store as they are.
    public static func unpack(_ bytes: [UInt8]) throws -> (page: SnapshotPage, packedStates: [[UInt8]]) {
        var r = PackedReader(bytes)
        guard try r.byte() == packedFormat else { throw PackedError("the snapshot page is in a packed format this client does not know") }
        let cursor = try r.int()
        let nextAfter = try r.flag() ? try r.string() : nil
        let n = try r.count()
        var records: [RecordState] = []
        var states: [[UInt8]] = []
        records.reserveCapacity(n)
        states.reserveCapacity(n)
        for _ in 0..<n {
            let state = try r.raw(try r.count())
            guard state.first == RecordState.packedFormat else { throw PackedError("a snapshot record is not packed") }
            records.append(try RecordState(stored: state))
            states.append(state)
        }
        guard r.isAtEnd else { throw PackedError("the snapshot page has bytes after its end") }
        return (SnapshotPage(records: records, cursor: cursor, nextAfter: nextAfter), states)
    }
}
