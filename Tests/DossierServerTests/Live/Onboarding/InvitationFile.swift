import DossierTestSupport
import Foundation

/// An invitation file as `dossier-server user add --invite` wrote it: its bytes, its signed payload and its signature.
struct InvitationFile {
    /// Where it is.
    let url: URL
    /// The file's bytes.
    let data: Data
    /// The signed object ("invitation").
    let payload: [String: Any]
    /// The base64 signature ("signature").
    let signature: String

    /// Reads and parses an invitation file; throws when it is not of the contract's shape.
    init(_ url: URL) throws {
        self.url = url
        data = try Data(contentsOf: url)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let payload = object["invitation"] as? [String: Any], let signature = object["signature"] as? String else {
            throw CommandFailed(description: "\(url.path) is not {\"invitation\": {…}, \"signature\": \"…\"}: \(String(decoding: data, as: UTF8.self))")
        }
        self.payload = payload
        self.signature = signature
    }

    /// The file's text.
    var text: String { String(decoding: data, as: UTF8.self) }

    /// A payload member as text.
    subscript(key: String) -> String? { payload[key] as? String }

    /// The file's permission bits (0o600 expected).
    var permissions: Int {
        get throws { (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue ?? -1 }
    }

    /// The file's text with the one occurrence of `old` replaced by `new`; throws unless `old` occurs exactly once.
    func replacing(_ old: String, with new: String) throws -> String {
        let pieces = text.components(separatedBy: old)
        guard pieces.count == 2 else { throw CommandFailed(description: "'\(old)' occurs \(pieces.count - 1) times in \(url.path), not once") }
        return pieces.joined(separator: new)
    }

    /// The text with one base64 character in the middle of the signature changed (six bits of the signature flip).
    func withSignatureByteChanged() throws -> String {
        var characters = Array(signature)
        let index = characters.count / 3
        characters[index] = characters[index] == "A" ? "B" : "A"
        return try replacing(quoted(signature), with: quoted(String(characters)))
    }

    /// This file's payload bytes with `other`'s signature in place of its own (another server's signature spliced in).
    func withSignature(of other: InvitationFile) throws -> String {
        try replacing(quoted(signature), with: quoted(other.signature))
    }

    /// A base64 string as a JSON string literal in this file: with `\/` if the writer escaped slashes.
    private func quoted(_ base64: String) -> String {
        let escaped = "\"" + base64.replacingOccurrences(of: "/", with: "\\/") + "\""
        return text.contains(escaped) && base64.contains("/") ? escaped : "\"" + base64 + "\""
    }

    /// Writes `contents` to `name` in `folder` with mode 0600 and returns its URL.
    static func write(_ contents: Data, named name: String, in folder: ScratchFolder) throws -> URL {
        let url = folder.file(name)
        try contents.write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        return url
    }

    /// Writes `text` to `name` in `folder` with mode 0600 and returns its URL.
    static func write(_ text: String, named name: String, in folder: ScratchFolder) throws -> URL {
        try write(Data(text.utf8), named: name, in: folder)
    }
}
