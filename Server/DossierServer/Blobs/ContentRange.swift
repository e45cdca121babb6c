import Foundation

/// The byte ranges of the blob protocol: `Content-Range: bytes START-END/TOTAL` on an upload and
/// `Range: bytes=START-[END]` on a download (one range; RFC 9110 §14).
enum ContentRange {
    /// Where an uploaded piece goes: its first byte, its length, and the file's total size.
    struct Upload: Equatable {
        /// The piece's first byte in the file.
        var start: Int64
        /// The piece's length.
        var length: Int64
        /// The whole file's size.
        var total: Int64
    }

    /// Reads an upload's position: `Content-Range` when given (it must agree with `Content-Length`), else the whole
    /// file in one piece of `Content-Length` bytes. Nil when the headers are malformed or contradict each other.
    static func upload(contentRange: String?, contentLength: String?) -> Upload? {
        let length = contentLength.flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
        guard let contentRange else {
            guard let length, length >= 0 else { return nil }
            return Upload(start: 0, length: length, total: length)
        }
        let text = contentRange.trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix("bytes "), let slash = text.firstIndex(of: "/") else { return nil }
        let span = text[text.index(text.startIndex, offsetBy: 6)..<slash]
        guard let total = Int64(text[text.index(after: slash)...]), total >= 0 else { return nil }
        if span == "*" {
            // `bytes */TOTAL`: an empty piece that only declares the size (an empty file, or a probe).
            guard length == nil || length == 0 else { return nil }
            return Upload(start: total, length: 0, total: total)
        }
        let bounds = span.split(separator: "-", omittingEmptySubsequences: false)
        guard bounds.count == 2, let start = Int64(bounds[0]), let end = Int64(bounds[1]),
              start >= 0, end >= start, end < total else { return nil }
        let pieceLength = end - start + 1
        if let length, length != pieceLength { return nil }
        return Upload(start: start, length: pieceLength, total: total)
    }

    /// The bytes a `Range` header asks of a file of `size` bytes: nil header → everything; `.unsatisfiable` when the
    /// range starts past the end; `.malformed` when it cannot be read.
    static func download(range: String?, size: Int64) -> Download {
        guard let range else { return .whole }
        let text = range.trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix("bytes="), !text.contains(",") else { return .malformed }
        let bounds = text.dropFirst(6).split(separator: "-", omittingEmptySubsequences: false)
        guard bounds.count == 2 else { return .malformed }
        if bounds[0].isEmpty {
            guard let suffix = Int64(bounds[1]), suffix > 0 else { return .malformed }
            return size == 0 ? .unsatisfiable : .part(max(0, size - suffix)..<size)
        }
        guard let start = Int64(bounds[0]), start >= 0 else { return .malformed }
        let end: Int64
        if bounds[1].isEmpty {
            end = size - 1
        } else {
            guard let last = Int64(bounds[1]), last >= start else { return .malformed }
            end = min(last, size - 1)
        }
        guard start < size else { return .unsatisfiable }
        return .part(start..<(end + 1))
    }

    /// What a download sends.
    enum Download: Equatable {
        /// The whole file (200).
        case whole
        /// These bytes (206).
        case part(Range<Int64>)
        /// A range past the end (416).
        case unsatisfiable
        /// An unreadable `Range` (400).
        case malformed
    }
}
