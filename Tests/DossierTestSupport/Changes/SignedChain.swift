import DossierCore
import DossierTrust

/// A made-up device that signs a replica's changes in its chain, as a replica does (for tests that push over HTTP).
public struct SignedChain: Sendable {
    /// The device key.
    public let key: DeviceKey
    /// The hash the next change names as `prev`.
    public private(set) var head = ChangeChain.start

    /// A device with a new key.
    public init(key: DeviceKey = .generate()) {
        self.key = key
    }

    /// The changes signed in order, each naming the one before.
    public mutating func sign(_ changes: [Change]) throws -> [Change] {
        try changes.map { change in
            let signed = try change.signed(by: key, after: head)
            head = ChangeChain.hash(ofBody: CanonicalJSON.text(signed))
            return signed
        }
    }
}
