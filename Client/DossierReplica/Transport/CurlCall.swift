import CCurl
import DossierCore
import Foundation

/// One transfer on a libcurl easy handle: sets every option, performs, and collects status, headers and body.
struct CurlCall {
    /// The largest reply body accepted; pages are bounded, so anything larger is not a Dossier reply.
    static let maxReplyBytes = 128 * 1024 * 1024

    /// How to connect.
    let options: TransportOptions
    /// The request method.
    let method: HTTPMethod
    /// The full URL.
    let url: String
    /// Request header lines, `Name: value`.
    var headers: [String]
    /// The request body as sent (already gzipped when it is large).
    let body: Data?
    /// The HTTP version asked for: HTTP/2 over TLS; a libcurl built without HTTP/2 refuses it and speaks HTTP/1.1.
    var httpVersion = Int(CURL_HTTP_VERSION_2TLS)

    /// Performs the transfer; throws `CurlFailure` when libcurl reports an error.
    func perform(on handle: UnsafeMutableRawPointer) throws -> HTTPReply {
        let collector = Collector()
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for line in headers { list = curl_slist_append(list, line) }
        defer { curl_slist_free_all(list) }

        var setup = CurlSetup(handle: handle)
        setup.pointer(CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))
        configure(&setup)
        setup.check(dossier_curl_setopt_headers(handle, list), CurlSetup.name(CURLOPT_HTTPHEADER))
        setup.check(dossier_curl_setopt_callback(handle, CURLOPT_WRITEFUNCTION, Collector.write), CurlSetup.name(CURLOPT_WRITEFUNCTION))
        setup.check(dossier_curl_setopt_callback(handle, CURLOPT_HEADERFUNCTION, Collector.header), CurlSetup.name(CURLOPT_HEADERFUNCTION))
        let context = Unmanaged.passUnretained(collector).toOpaque()
        setup.pointer(CURLOPT_WRITEDATA, context)
        setup.pointer(CURLOPT_HEADERDATA, context)
        if let failure = setup.failure {
            throw CurlFailure(code: failure.code, detail: "libcurl refused the option \(failure.option)")
        }

        let code = withExtendedLifetime(collector) { curl_easy_perform(handle) }
        guard code == CURLE_OK else {
            if collector.overflow {
                throw CurlFailure(code: code, detail: "the reply is larger than \(Self.maxReplyBytes / 1024 / 1024) MiB")
            }
            let detail = String(cString: errorBuffer)
            throw CurlFailure(code: code, detail: detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail)
        }
        var status = 0
        _ = dossier_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPReply(status: status, headers: collector.headers, body: collector.body)
    }

    /// Sets the URL, method, body, TLS, proxy, timeouts and encodings.
    func configure(_ setup: inout CurlSetup) {
        setup.string(CURLOPT_URL, url)
        setup.long(CURLOPT_NOSIGNAL, 1)
        setup.long(CURLOPT_FOLLOWLOCATION, 0)
        setup.bestEffort(CURLOPT_HTTP_VERSION, httpVersion)
        setup.string(CURLOPT_ACCEPT_ENCODING, options.compresses ? "" : "identity")
        setup.string(CURLOPT_USERAGENT, "dossier (protocol \(SyncProtocol.version))")
        setup.long(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(options.connectTimeout))
        setup.long(CURLOPT_TIMEOUT_MS, Self.milliseconds(options.requestTimeout))
        if let proxy = options.proxy, !proxy.isEmpty {
            setup.string(CURLOPT_PROXY, proxy)
            // A proxy the researcher named (Tor) is never bypassed because $no_proxy lists the host.
            setup.string(CURLOPT_NOPROXY, "")
        }
        if let caFile = options.caFile, !caFile.isEmpty {
            setup.string(CURLOPT_CAINFO, caFile)
        }
        if let pin = options.pin, !pin.isEmpty {
            // The pin replaces CA trust: the chain and name are not checked, but the key must match the pin.
            setup.string(CURLOPT_PINNEDPUBLICKEY, pin)
            setup.long(CURLOPT_SSL_VERIFYPEER, 0)
            setup.long(CURLOPT_SSL_VERIFYHOST, 0)
        } else {
            setup.long(CURLOPT_SSL_VERIFYPEER, 1)
            setup.long(CURLOPT_SSL_VERIFYHOST, 2)
        }
        switch method {
        case .get:
            setup.long(CURLOPT_HTTPGET, 1)
        case .post:
            let bytes = body ?? Data()
            setup.long(CURLOPT_POST, 1)
            setup.off(CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count))
            // COPYPOSTFIELDS copies the bytes (its size set just above), so `bytes` need not outlive this call.
            bytes.withUnsafeBytes { raw in
                if let base = raw.baseAddress {
                    setup.pointer(CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: base))
                } else {
                    setup.string(CURLOPT_COPYPOSTFIELDS, "")
                }
            }
        }
    }

    /// Seconds as whole milliseconds, at least 1.
    static func milliseconds(_ seconds: Double) -> Int {
        guard seconds.isFinite, seconds > 0 else { return 1 }
        return max(1, Int((seconds * 1000).rounded()))
    }
}

/// A libcurl failure: its code and the detail libcurl wrote.
struct CurlFailure: Error {
    /// libcurl's result code.
    let code: CURLcode
    /// libcurl's explanation (from the error buffer).
    let detail: String
}

/// Sets options on a handle, remembering the first one libcurl refused, by name.
struct CurlSetup {
    /// The easy handle being set up.
    let handle: UnsafeMutableRawPointer
    /// The first refusal: libcurl's code and the option's name.
    var failure: (code: CURLcode, option: String)?

    /// Notes a refusal unless one was noted already.
    mutating func check(_ code: CURLcode, _ option: @autoclosure () -> String) {
        if code != CURLE_OK, failure == nil { failure = (code, option()) }
    }

    /// Sets a number option.
    mutating func long(_ option: CURLoption, _ value: Int) {
        check(dossier_curl_setopt_long(handle, option, value), Self.name(option))
    }

    /// Sets a number option the transfer works without (a refusal is ignored).
    mutating func bestEffort(_ option: CURLoption, _ value: Int) {
        _ = dossier_curl_setopt_long(handle, option, value)
    }

    /// Sets a size option.
    mutating func off(_ option: CURLoption, _ value: curl_off_t) {
        check(dossier_curl_setopt_off(handle, option, value), Self.name(option))
    }

    /// Sets a text option (libcurl copies it).
    mutating func string(_ option: CURLoption, _ value: String) {
        check(dossier_curl_setopt_string(handle, option, value), Self.name(option))
    }

    /// Sets a pointer option.
    mutating func pointer(_ option: CURLoption, _ value: UnsafeMutableRawPointer?) {
        check(dossier_curl_setopt_pointer(handle, option, value), Self.name(option))
    }

    /// The option's name as libcurl's documentation spells it (`CURLOPT_HTTP_VERSION`), else its number.
    static func name(_ option: CURLoption) -> String {
        guard let info = curl_easy_option_by_id(option), let name = info.pointee.name else { return "number \(option.rawValue)" }
        return "CURLOPT_" + String(cString: name)
    }
}

/// Collects a transfer's response headers and body from libcurl's callbacks.
private final class Collector {
    var body = Data()
    var headers: [String: String] = [:]
    var overflow = false

    /// libcurl's write callback: appends body bytes, refusing a body over the limit.
    static let write: dossier_curl_data_callback = { data, size, count, context in
        guard let context else { return 0 }
        let collector = Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        guard collector.body.count + length <= CurlCall.maxReplyBytes else {
            collector.overflow = true
            return 0
        }
        if let data, length > 0 {
            collector.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: length)
        }
        return length
    }

    /// libcurl's header callback: one line at a time; a status line starts a new header block.
    static let header: dossier_curl_data_callback = { data, size, count, context in
        guard let context else { return 0 }
        let collector = Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        guard let data, length > 0 else { return length }
        let read = HTTPReply.reading(line: String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self))
        if read.status != nil {
            collector.headers = [:]
        } else if let header = read.header {
            collector.headers[header.name] = header.value
        }
        return length
    }
}
