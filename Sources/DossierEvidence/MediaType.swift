import Foundation

/// A file's media type, sniffed from its first bytes (never from its name, which a sender chooses).
public enum MediaType {
    /// How many leading bytes `sniff` looks at.
    public static let prefixLength = 512

    /// The media type of content starting with `prefix`; `application/octet-stream` when nothing is recognised.
    public static func sniff(_ prefix: [UInt8]) -> String {
        func starts(_ bytes: [UInt8], at offset: Int = 0) -> Bool {
            prefix.count >= offset + bytes.count && Array(prefix[offset..<offset + bytes.count]) == bytes
        }
        func ascii(_ text: String, at offset: Int = 0) -> Bool { starts(Array(text.utf8), at: offset) }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if ascii("GIF87a") || ascii("GIF89a") { return "image/gif" }
        if ascii("RIFF"), ascii("WEBP", at: 8) { return "image/webp" }
        if ascii("RIFF"), ascii("WAVE", at: 8) { return "audio/wav" }
        if ascii("RIFF"), ascii("AVI ", at: 8) { return "video/x-msvideo" }
        if ascii("ftyp", at: 4) { return isoMediaType(brand: prefix.count >= 12 ? String(decoding: prefix[8..<12], as: UTF8.self) : "") }
        if starts([0x1A, 0x45, 0xDF, 0xA3]) { return "video/webm" }
        if ascii("ID3") || starts([0xFF, 0xFB]) || starts([0xFF, 0xF3]) || starts([0xFF, 0xF2]) { return "audio/mpeg" }
        if ascii("OggS") { return "audio/ogg" }
        if ascii("fLaC") { return "audio/flac" }
        if ascii("%PDF-") { return "application/pdf" }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return "application/zip" }
        if ascii("WARC/") { return "application/warc" }
        if let text = decodedText(prefix) { return textType(text) }
        return "application/octet-stream"
    }

    /// The media type of the file at `url`, from its first bytes.
    public static func sniff(fileAt url: URL) throws -> String {
        let handle: FileHandle
        do { handle = try FileHandle(forReadingFrom: url) } catch { throw EvidenceError.unreadable(url.path) }
        defer { try? handle.close() }
        return sniff(Array(try handle.read(upToCount: prefixLength) ?? Data()))
    }

    private static func isoMediaType(brand: String) -> String {
        switch brand {
        case "heic", "heix", "mif1", "msf1": "image/heic"
        case "avif": "image/avif"
        case "qt  ": "video/quicktime"
        case "M4A ": "audio/mp4"
        default: "video/mp4"
        }
    }

    private static func textType(_ text: String) -> String {
        let start = text.drop { $0.isWhitespace }.prefix(64).lowercased()
        if start.hasPrefix("<!doctype html") || start.hasPrefix("<html") || start.hasPrefix("<head") { return "text/html" }
        if start.hasPrefix("mime-version:") || start.hasPrefix("from: <saved by") { return "multipart/related" }
        if start.hasPrefix("<?xml") { return "application/xml" }
        if start.hasPrefix("{") || start.hasPrefix("[") { return "application/json" }
        return "text/plain"
    }

    /// The prefix as UTF-8 text, or nil when it is not text: a NUL or an invalid byte (a character cut by the prefix's
    /// end is allowed).
    private static func decodedText(_ prefix: [UInt8]) -> String? {
        guard !prefix.isEmpty, !prefix.contains(0) else { return nil }
        for cut in 0...min(3, prefix.count - 1) {
            if let text = String(validating: prefix.dropLast(cut), as: UTF8.self) { return text }
        }
        return nil
    }
}
