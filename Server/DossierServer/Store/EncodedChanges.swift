import DossierCore
import NIOCore

/// Validated changes with their canonical JSON bodies, the form the log stores and compares. The bodies are encoded
/// before the store's write transaction and split over the machine's cores, since encoding is a large share of a
/// push's work. Only `encode(_:parts:)` makes one, so every body belongs to its change.
public struct EncodedChanges: Sendable {
    /// The changes, in submitted order.
    public let changes: [Change]
    /// Each change's canonical body, in the same order.
    let bodies: [String]

    /// The changes at `indices` (in that order) with their bodies.
    func subset(_ indices: [Int]) -> EncodedChanges {
        EncodedChanges(changes: indices.map { changes[$0] }, bodies: indices.map { bodies[$0] })
    }

    /// Batches of at most this many changes are encoded on one task.
    static let splitAbove = 64

    /// Encodes the bodies of `changes`, in their order, on up to `parts` tasks at once.
    public static func encode(_ changes: [Change], parts: Int = System.coreCount) async -> EncodedChanges {
        let body: @Sendable (Change) -> String = CanonicalJSON.text
        guard changes.count > splitAbove, parts > 1 else { return EncodedChanges(changes: changes, bodies: changes.map(body)) }
        let size = (changes.count + parts - 1) / parts
        let bodies = await withTaskGroup(of: (Int, [String]).self) { group in
            for start in stride(from: 0, to: changes.count, by: size) {
                let slice = changes[start..<min(start + size, changes.count)]
                group.addTask { (start, slice.map(body)) }
            }
            var bodies = [String](repeating: "", count: changes.count)
            for await (start, part) in group { bodies.replaceSubrange(start..<start + part.count, with: part) }
            return bodies
        }
        return EncodedChanges(changes: changes, bodies: bodies)
    }
}
