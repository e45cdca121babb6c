import DossierCore
import NIOCore

/// The canonical JSON body of each pushed change, the form the log stores and compares. Encoded before the store's
/// write transaction and split over the machine's cores, since encoding is a large share of a push's work.
enum PushBodies {
    /// Batches smaller than this are encoded on one task.
    static let splitAbove = 64

    /// The bodies of `changes`, in their order.
    static func encode(_ changes: [Change], parts: Int = System.coreCount) async -> [String] {
        guard changes.count > splitAbove, parts > 1 else { return changes.map(body) }
        let size = (changes.count + parts - 1) / parts
        return await withTaskGroup(of: (Int, [String]).self) { group in
            for start in stride(from: 0, to: changes.count, by: size) {
                let slice = changes[start..<min(start + size, changes.count)]
                group.addTask { (start, slice.map(body)) }
            }
            var bodies = [String](repeating: "", count: changes.count)
            for await (start, part) in group { bodies.replaceSubrange(start..<start + part.count, with: part) }
            return bodies
        }
    }

    /// One change's canonical body.
    static func body(_ change: Change) -> String {
        String(decoding: CanonicalJSON.encode(change), as: UTF8.self)
    }
}
