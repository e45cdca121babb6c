import CompressNIO
import DossierCore
import Foundation
import Hummingbird
import NIOCore

/// Reading request bodies and writing JSON responses: size limits and gzip both ways.
enum Wire {
    /// Responses smaller than this are not worth compressing.
    static let compressionThreshold = 1_024
    /// Gzip at zlib's fastest level, like nginx's default: a snapshot page of 1 000 records compresses in about 40% of
    /// the default level's time and comes out about 17% larger.
    static let gzip = CompressionAlgorithm.gzip(configuration: .init(compressionLevel: .fastestCompression))

    /// Reads a JSON body of at most `limit` bytes (after gunzip when `Content-Encoding: gzip`).
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
        var buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw tooLarge(limit)
        } catch {
            throw APIError.badRequest("the request body ended before its declared length; send the whole body again")
        }
        switch request.headers[.contentEncoding]?.lowercased() {
        case nil, "identity": break
        case "gzip":
            do {
                buffer = try buffer.decompress(with: .gzip(), maxSize: limit)
            } catch let error as CompressNIOError where error == .bufferOverflow {
                throw tooLarge(limit)
            } catch {
                throw APIError.badRequest("the gzip body could not be decompressed; send valid gzip or no Content-Encoding")
            }
            // CompressNIO's maxSize is approximate (its buffers round up), so the limit is checked here too.
            guard buffer.readableBytes <= limit else { throw tooLarge(limit) }
        case let other?:
            throw APIError(.unsupportedMediaType, "unsupported_encoding", "Content-Encoding '\(other)' is not supported; send gzip or none")
        }
        try checkShape(buffer)
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw APIError.badRequest("the body is not valid JSON for this endpoint (\(error.readableDescription))")
        } catch {
            throw APIError.badRequest("the body is not valid JSON for this endpoint")
        }
    }

    /// A JSON response, gzipped when the client accepts gzip and the body is large enough.
    static func json<T: Encodable>(_ value: T, for request: Request, status: HTTPResponse.Status = .ok) -> Response {
        response(CanonicalJSON.encode(value), for: request, status: status)
    }

    /// A response of bytes already encoded (JSON unless `contentType` says otherwise), gzipped like `json`.
    static func response<Bytes: Sequence<UInt8>>(_ body: Bytes, for request: Request, status: HTTPResponse.Status = .ok,
                                                  contentType: String = "application/json; charset=utf-8") -> Response {
        var buffer = ByteBuffer(bytes: body)
        var headers = HTTPFields()
        headers[.contentType] = contentType
        let acceptsGzip = request.headers[.acceptEncoding]?.lowercased().contains("gzip") ?? false
        if acceptsGzip, buffer.readableBytes >= compressionThreshold, let compressed = try? buffer.compress(with: gzip) {
            buffer = compressed
            headers[.contentEncoding] = "gzip"
        }
        headers[.vary] = "Accept-Encoding"
        return Response(status: status, headers: headers, body: .init(byteBuffer: buffer))
    }

    /// The deepest nesting of arrays and objects a body may have; a push needs about six.
    static let maxDepth = 64

    /// Refuses, with a clear message, a body that is not UTF-8 or nests deeper than `maxDepth`, before any decoder sees it.
    static func checkShape(_ buffer: ByteBuffer) throws {
        try buffer.withUnsafeReadableBytes { bytes in
            var depth = 0
            var inString = false
            var escaped = false
            for byte in bytes {
                if inString {
                    if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                } else if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                    depth += 1
                    if depth > maxDepth {
                        throw APIError.badRequest("the body nests arrays or objects more than \(maxDepth) deep; a push is {\"changes\": [change, …]}")
                    }
                } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                    depth -= 1
                }
            }
            var iterator = bytes.makeIterator()
            var utf8 = UTF8()
            while true {
                switch utf8.decode(&iterator) {
                case .scalarValue: continue
                case .emptyInput: return
                case .error: throw APIError.badRequest("the body is not valid UTF-8; send JSON text encoded as UTF-8")
                }
            }
        }
    }

    private static func tooLarge(_ limit: Int) -> APIError {
        APIError(.contentTooLarge, "too_large", "the request body is over the server's limit of \(limit) bytes; push fewer changes per batch")
    }
}
