import Crypto
import DossierCore
import Foundation

/// The team log's hash chain (SPEC §8.2): entry n's hash covers entry n−1's hash and the SHA-256 of entry n's stored
/// canonical body, so changing, dropping, inserting or reordering any entry changes every hash after it. The chain
/// starts from 32 zero bytes; entry numbers are log positions (1, 2, …).
public enum TeamLog {
    /// The hash before the first entry.
    public static let emptyHead = LogHash(bytes: [UInt8](repeating: 0, count: 32))

    /// The hash of the entry whose stored body is `body`, after the entry hashed `previous`:
    /// SHA-256("dossier-log-1" ‖ 0x00 ‖ previous ‖ SHA-256(body)).
    public static func entryHash(after previous: LogHash, body: some DataProtocol) -> LogHash {
        entryHash(after: previous, bodyHash: LogHash(bytes: Array(SHA256.hash(data: body))))
    }

    /// The same, from the SHA-256 of the entry's body (what a bundle carries for entries it does not include).
    public static func entryHash(after previous: LogHash, bodyHash: LogHash) -> LogHash {
        var hasher = SHA256()
        hasher.update(data: Array("dossier-log-1".utf8) + [0])
        hasher.update(data: previous.bytes)
        hasher.update(data: bodyHash.bytes)
        return LogHash(bytes: Array(hasher.finalize()))
    }

    /// The SHA-256 of an entry's body.
    public static func bodyHash(_ body: String) -> LogHash { LogHash(bytes: Array(SHA256.hash(data: Array(body.utf8)))) }

    /// The hashes of `bodies`, in order, chained from `head`.
    public static func extend(_ head: LogHash, with bodies: [String]) -> [LogHash] {
        var current = head
        return bodies.map { body in
            current = entryHash(after: current, body: Array(body.utf8))
            return current
        }
    }
}

/// A log hash: 32 bytes, written as 64 lowercase hex digits.
public struct LogHash: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The bytes.
    public let bytes: [UInt8]

    /// A hash of exactly 32 bytes.
    init(bytes: [UInt8]) {
        precondition(bytes.count == 32, "a log hash is 32 bytes")
        self.bytes = bytes
    }

    /// The hash of these bytes; nil unless exactly 32.
    public init?(data: some Collection<UInt8>) {
        guard data.count == 32 else { return nil }
        self.bytes = Array(data)
    }

    /// The hash written `hex`; nil unless 64 hex digits.
    public init?(hex: String) {
        guard Validator.isSHA256(hex.lowercased()) else { return nil }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self.bytes = bytes
    }

    /// 64 lowercase hex digits.
    public var description: String { bytes.hexText }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let hash = LogHash(hex: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not 64 hex digits"))
        }
        self = hash
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
