import CCurl
import DossierCore
import DossierEvidence
import Foundation

/// The evidence-file calls of the sync protocol (`/v1/blobs/{sha256}`) over libcurl: asking how much of a file the
/// server holds, uploading from where it stopped, downloading into a partial file that survives a cut. A transfer cut
/// by the network resumes from the server's (or the partial file's) offset, as long as each attempt moves bytes.
public struct BlobClient: Sendable {
    /// The transport whose connection options, token and handles are used.
    let transport: CurlTransport

    /// A client over a libcurl transport.
    public init(transport: CurlTransport) { self.transport = transport }

    /// How much of a file the team's server holds.
    public struct Remote: Sendable, Equatable {
        /// Bytes held, from the start.
        public var received: Int64
        /// Whether the file is whole (and was checked against its name) on the server.
        public var complete: Bool
    }

    /// `HEAD /v1/blobs/{sha256}`.
    public func remote(_ digest: ContentDigest) throws -> Remote {
        let reply = try attempt(.none, path: digest, headers: [])
        guard reply.status == 200 || reply.status == 404 else { throw TransportError.from(reply) }
        let received = reply.header("Upload-Offset").flatMap { Int64($0) } ?? 0
        return Remote(received: received, complete: reply.status == 200)
    }

    /// Uploads the file at `file` (`size` bytes, named `digest`) from where the server's copy ends; `progress` gets the
    /// bytes the server holds. Returns the server's reply for the whole file, with its signed receipt, and the byte
    /// this call started from.
    public func upload(_ file: URL, digest: ContentDigest, size: Int64,
                       progress: (Int64) -> Void = { _ in }) throws -> (reply: BlobReply, resumedFrom: Int64) {
        var remote = try self.remote(digest)
        let first = remote.received
        var stalled = 0
        while true {
            let start = remote.complete ? size : remote.received
            progress(start)
            let range = start < size ? "bytes \(start)-\(size - 1)/\(size)" : "bytes */\(size)"
            do {
                let reply = try attempt(.upload(file: file, offset: start, length: size - start), path: digest,
                                        headers: ["Content-Range: \(range)", "Content-Type: application/octet-stream"]) { progress(start + $0) }
                guard (200...299).contains(reply.status) else { throw TransportError.from(reply) }
                let decoded = try JSONDecoder().decode(BlobReply.self, from: reply.body)
                if decoded.complete { return (decoded, first) }
                remote = Remote(received: decoded.received, complete: false)
            } catch let failure as CurlFailure where Self.resumable(failure) {
                let before = remote.received
                remote = try self.remote(digest)
                stalled = remote.received > before ? 0 : stalled + 1
                guard stalled <= transport.options.retries else {
                    throw CurlTransport.error(for: failure, url: transport.options.trimmedBaseURL, options: transport.options, attempts: stalled)
                }
                Thread.sleep(forTimeInterval: min(transport.options.maxDelay, transport.options.backoff * Double(stalled)))
            } catch TransportError.server(409, _, _) {
                // Another upload of the file (often this one's cut connection, not yet closed on the server) holds it.
                let before = remote.received
                remote = try self.remote(digest)
                stalled = remote.received > before ? 0 : stalled + 1
                guard stalled <= transport.options.retries + 2 else {
                    throw TransportError.server(status: 409, code: "upload_in_progress", message: "another upload of this file is in progress; sync again shortly")
                }
                Thread.sleep(forTimeInterval: 0.2 * Double(stalled))
            } catch let error as DecodingError {
                throw TransportError.badReply("the server's reply to an upload could not be read (\(error.readableDescription))")
            }
        }
    }

    /// Downloads the file named `digest` (`size` bytes) into `partial`, resuming from the bytes already there;
    /// `progress` gets the bytes held. Returns the SHA-256 of what it wrote when it wrote the whole file (so it need not
    /// be read again), nil when it resumed a partial file of an earlier run; the caller checks it before keeping the file.
    @discardableResult
    public func download(_ digest: ContentDigest, size: Int64, into partial: URL,
                         progress: (Int64) -> Void = { _ in }) throws -> ContentDigest? {
        var stalled = 0
        let first = (try? FileManager.default.attributesOfItem(atPath: partial.path)[.size] as? NSNumber)?.int64Value ?? 0
        let running = first == 0 ? BackgroundHasher() : nil
        let finished = { () -> ContentDigest? in
            guard let running, running.count == size else { return nil }
            return running.digest
        }
        while true {
            let have = (try? FileManager.default.attributesOfItem(atPath: partial.path)[.size] as? NSNumber)?.int64Value ?? 0
            if have >= size, size > 0 { return finished() }
            progress(have)
            do {
                let headers = have > 0 ? ["Range: bytes=\(have)-"] : []
                let reply = try attempt(.download(file: partial, limit: size - have, hasher: running), path: digest, headers: headers) {
                    progress(have + $0)
                }
                if reply.status == 416 { return finished() }
                guard reply.status == 200 || reply.status == 206 else { throw TransportError.from(reply) }
                if have > 0, reply.status == 200 { throw TransportError.badReply("the server ignored the range asked for; fetch again") }
                if size == 0 { return finished() }
            } catch let failure as CurlFailure where Self.resumable(failure) {
                let now = (try? FileManager.default.attributesOfItem(atPath: partial.path)[.size] as? NSNumber)?.int64Value ?? 0
                stalled = now > have ? 0 : stalled + 1
                guard stalled <= transport.options.retries else {
                    throw CurlTransport.error(for: failure, url: transport.options.trimmedBaseURL, options: transport.options, attempts: stalled)
                }
                Thread.sleep(forTimeInterval: min(transport.options.maxDelay, transport.options.backoff * Double(stalled)))
            }
        }
    }

    /// A cut connection, or libcurl unable to resend a cut upload itself (it cannot rewind a file stream): resumed here.
    static func resumable(_ failure: CurlFailure) -> Bool {
        CurlTransport.isRetryable(failure.code) || failure.code == CURLE_SEND_FAIL_REWIND
    }

    private func attempt(_ body: CurlFileTransfer.Body, path digest: ContentDigest, headers: [String],
                         progress: (Int64) -> Void = { _ in }) throws -> HTTPReply {
        var call = try transport.prepare(method: .get, path: "/v1/blobs/\(digest.hex)", query: [:], body: nil)
        call.headers += headers
        let reply: HTTPReply
        do {
            reply = try withoutActuallyEscaping(progress) { progress in
                try transport.perform(CurlFileTransfer(call: call, body: body, progress: progress))
            }
        } catch let failure as CurlFailure where failure.code == CURLE_ABORTED_BY_CALLBACK || failure.code == CURLE_READ_ERROR {
            if case .upload(let file, _, _) = body { throw EvidenceError.changedWhileReading(file.path) }
            throw failure
        } catch let failure as CurlFailure where !Self.resumable(failure) {
            throw CurlTransport.error(for: failure, url: call.url, options: transport.options, attempts: 1)
        }
        if let version = reply.header(SyncProtocol.versionHeader), version != String(SyncProtocol.version) {
            throw TransportError.protocolMismatch(
                "the server speaks Dossier protocol \(version), this client speaks \(SyncProtocol.version); upgrade the dossier client")
        }
        return reply
    }
}
