import CCurl
import DossierEvidence
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One evidence-file transfer on a libcurl handle: a HEAD, an upload streamed from a file from an offset, or a
/// download appended to a file. The bytes pass through a small buffer, never all in memory; a transfer has no overall
/// time limit (a large file on a slow link takes long) but ends when no byte moved for the request timeout.
struct CurlFileTransfer {
    /// What moves.
    enum Body {
        /// Nothing (HEAD).
        case none
        /// The bytes of `file` from `offset`, `length` of them.
        case upload(file: URL, offset: Int64, length: Int64)
        /// Appended to `file`; at most `limit` bytes are accepted; `hasher`, when given, sees every byte written.
        case download(file: URL, limit: Int64, hasher: BackgroundHasher?)
    }

    /// The prepared request (URL, headers, connection options).
    let call: CurlCall
    /// What moves.
    let body: Body
    /// Called with the bytes moved so far in this transfer.
    let progress: (Int64) -> Void

    /// Performs the transfer; throws `CurlFailure` when libcurl fails (a cut connection among them).
    func perform(on handle: UnsafeMutableRawPointer) throws -> HTTPReply {
        let state = try TransferState(body: body, progress: progress)
        defer { state.close() }
        var setup = CurlSetup(handle: handle)
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for line in call.headers { list = curl_slist_append(list, line) }
        defer { curl_slist_free_all(list) }
        setup.pointer(CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))
        call.configure(&setup)
        setup.long(CURLOPT_TIMEOUT_MS, 0)
        setup.long(CURLOPT_LOW_SPEED_LIMIT, 1)
        setup.long(CURLOPT_LOW_SPEED_TIME, max(1, Int(call.options.requestTimeout.rounded(.up))))
        setup.string(CURLOPT_ACCEPT_ENCODING, "identity")
        let context = Unmanaged.passUnretained(state).toOpaque()
        switch body {
        case .none:
            setup.long(CURLOPT_NOBODY, 1)
        case .upload(_, _, let length):
            setup.long(CURLOPT_UPLOAD, 1)
            setup.bestEffort(CURLOPT_UPLOAD_BUFFERSIZE, 1 << 20)
            setup.off(CURLOPT_INFILESIZE_LARGE, curl_off_t(length))
            setup.check(dossier_curl_setopt_callback(handle, CURLOPT_READFUNCTION, TransferState.read), "CURLOPT_READFUNCTION")
            setup.pointer(CURLOPT_READDATA, context)
        case .download:
            setup.bestEffort(CURLOPT_BUFFERSIZE, 512 * 1024)
        }
        setup.check(dossier_curl_setopt_headers(handle, list), "CURLOPT_HTTPHEADER")
        setup.check(dossier_curl_setopt_callback(handle, CURLOPT_WRITEFUNCTION, TransferState.write), "CURLOPT_WRITEFUNCTION")
        setup.check(dossier_curl_setopt_callback(handle, CURLOPT_HEADERFUNCTION, TransferState.header), "CURLOPT_HEADERFUNCTION")
        setup.pointer(CURLOPT_WRITEDATA, context)
        setup.pointer(CURLOPT_HEADERDATA, context)
        setup.long(CURLOPT_NOPROGRESS, 0)
        setup.check(dossier_curl_setopt_progress(handle, TransferState.report), "CURLOPT_XFERINFOFUNCTION")
        setup.pointer(CURLOPT_XFERINFODATA, context)
        if let failure = setup.failure { throw CurlFailure(code: failure.code, detail: "libcurl refused the option \(failure.option)") }

        let code = withExtendedLifetime(state) { curl_easy_perform(handle) }
        state.close() // waits for the last writes and syncs the file: a failure there is the transfer's
        if let problem = state.problem { throw problem }
        guard code == CURLE_OK else {
            let detail = String(cString: errorBuffer)
            throw CurlFailure(code: code, detail: detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail)
        }
        var status = 0
        _ = dossier_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPReply(status: status, headers: state.headers, body: state.reply)
    }
}

/// The file and counters a transfer's callbacks share.
private final class TransferState {
    let progress: (Int64) -> Void
    var input: DirectReader?
    var output: BackgroundFileWriter?
    var limit: Int64 = 0
    var written: Int64 = 0
    var hasher: BackgroundHasher?
    var pending = Data(capacity: 1 << 20)
    var status = 0
    var headers: [String: String] = [:]
    var reply = Data()
    var problem: (any Error)?

    init(body: CurlFileTransfer.Body, progress: @escaping (Int64) -> Void) throws {
        self.progress = progress
        switch body {
        case .none: break
        case .upload(let file, let offset, _):
            do {
                input = try DirectReader(path: file.path, offset: offset)
            } catch {
                throw EvidenceError.unreadable(file.path)
            }
        case .download(let file, let limit, let hasher):
            self.hasher = hasher
            if !FileManager.default.fileExists(atPath: file.path) {
                FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            do {
                let handle = try FileHandle(forWritingTo: file)
                try handle.seekToEnd()
                output = try BackgroundFileWriter(handle)
            } catch {
                throw EvidenceError.unreadable(file.path)
            }
            self.limit = limit
        }
    }

    func close() {
        input?.close()
        input = nil
        if let output {
            do {
                if !pending.isEmpty, problem == nil { try handOver() }
                try output.finish()
            } catch { if problem == nil { problem = error } }
            output.close()
        }
        output = nil
    }

    /// Hands the gathered piece to the hasher's and the writer's threads and starts the next one.
    func handOver() throws {
        hasher?.update(pending)
        try output?.write(pending)
        pending = Data(capacity: 1 << 20)
    }

    /// Fills libcurl's buffer from the file; a short read (the file shrank) aborts the transfer.
    static let read: dossier_curl_data_callback = { buffer, size, count, context in
        guard let context, let buffer else { return Int(CURL_READFUNC_ABORT) }
        let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
        guard let input = state.input else { return Int(CURL_READFUNC_ABORT) }
        // Kept evidence was written past the page cache by attach, so it is read the same way (see DirectIO).
        do { return try input.read(into: buffer, count: size * count) } catch { return Int(CURL_READFUNC_ABORT) }
    }

    /// A successful download's bytes go to the file; any other reply (a JSON error) is collected.
    static let write: dossier_curl_data_callback = { data, size, count, context in
        guard let context else { return 0 }
        let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        guard let data, length > 0 else { return length }
        let bytes = Data(bytesNoCopy: data, count: length, deallocator: .none)
        if state.output != nil, (200...299).contains(state.status) {
            guard state.written + Int64(length) <= state.limit else {
                state.problem = EvidenceError.tooLong
                return 0
            }
            // Gathered into 1 MiB pieces, each hashed and written on threads of their own while libcurl receives.
            state.pending.append(bytes)
            if state.pending.count >= 1 << 20 {
                do { try state.handOver() } catch {
                    state.problem = error
                    return 0
                }
            }
            state.written += Int64(length)
        } else if state.reply.count < 1 << 20 {
            state.reply.append(bytes)
        }
        return length
    }

    /// One header line; the status line starts a new block.
    static let header: dossier_curl_data_callback = { data, size, count, context in
        guard let context else { return 0 }
        let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        guard let data, length > 0 else { return length }
        let read = HTTPReply.reading(line: String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self))
        if let status = read.status {
            state.headers = [:]
            state.status = status
        } else if let header = read.header {
            state.headers[header.name] = header.value
        }
        return length
    }

    /// Bytes moved so far, up or down.
    static let report: dossier_curl_progress_callback = { context, _, downloaded, _, uploaded in
        guard let context else { return 0 }
        let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
        state.progress(Int64(max(downloaded, uploaded)))
        return 0
    }
}
