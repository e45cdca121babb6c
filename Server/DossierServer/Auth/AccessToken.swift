import Crypto
import DossierCore
import Foundation

/// A bearer token: `dsr_SELECTOR_SECRET`. The selector finds the user; only the SHA-256 of the secret
/// is stored, and it is compared in constant time. The whole token is shown once, at creation.
public struct AccessToken: Sendable, CustomStringConvertible {
    /// Public part: 16 hex characters.
    public let selector: String
    /// Secret part: 64 hex characters.
    public let secret: String

    /// A new random token.
    public static func generate() -> AccessToken {
        var generator = SystemRandomNumberGenerator()
        func hex(_ bytes: Int) -> String {
            (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        }
        return AccessToken(selector: hex(8), secret: hex(32))
    }

    /// Parses a presented token; nil when it is not of the token's shape.
    public init?(_ text: String) {
        let parts = text.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "dsr", parts[1].count == 16, parts[2].count == 64,
              (parts[1] + parts[2]).allSatisfy(\.isHexDigit) else { return nil }
        self.init(selector: String(parts[1]), secret: String(parts[2]))
    }

    private init(selector: String, secret: String) {
        self.selector = selector
        self.secret = secret
    }

    /// The full token text.
    public var description: String { "dsr_\(selector)_\(secret)" }

    /// What the store keeps.
    public var stored: StoredCredential { stored(firstUseBy: nil) }

    /// What the store keeps for an invitation's token, which must be first used before `firstUseBy` (ms).
    public func stored(firstUseBy: Int64?) -> StoredCredential {
        StoredCredential(selector: selector, hash: Self.hash(secret), firstUseBy: firstUseBy)
    }

    /// Hex SHA-256 of a secret.
    static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).hexText
    }

    /// True when this token's secret hashes to the stored hash; the comparison takes the same time wherever they differ.
    public func matches(storedHash: String) -> Bool {
        let presented = Array(Self.hash(secret).utf8)
        let stored = Array(storedHash.utf8)
        guard presented.count == stored.count else { return false }
        var difference: UInt8 = 0
        for index in presented.indices { difference |= presented[index] ^ stored[index] }
        return difference == 0
    }
}
