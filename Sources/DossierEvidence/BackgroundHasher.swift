import Foundation

/// SHA-256 over the pieces of one download, computed in order on a thread of its own at most two pieces behind the
/// caller, so that receiving the next piece and hashing this one overlap. `count` and `digest` wait for every piece.
public final class BackgroundHasher: @unchecked Sendable {
    private var hasher = ContentHasher()
    private let queue = DispatchQueue(label: "dossier.evidence.hasher")
    private let slots = DispatchSemaphore(value: 2)

    /// A hasher that has seen nothing.
    public init() {}

    /// Queues the next piece.
    public func update(_ piece: Data) {
        slots.wait()
        queue.async { [self] in
            hasher.update(piece)
            slots.signal()
        }
    }

    /// How many bytes went in.
    public var count: Int64 { queue.sync { hasher.count } }

    /// The digest of every piece added.
    public var digest: ContentDigest { queue.sync { hasher.finalize() } }
}
