import DossierTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the proxy does to a reply (or, for a black hole, to the request too).
enum Fault: Sendable, Equatable, CustomStringConvertible {
    /// Everything passes untouched.
    case pass
    /// The connection is reset (RST) once this many bytes of the reply went through; 0: the server did the work, the client hears nothing.
    case reset(afterBytes: Int)
    /// The connection is closed cleanly (FIN) once this many bytes of the reply went through.
    case truncate(afterBytes: Int)
    /// Each reply is held back this long before its first byte.
    case delay(seconds: Double)
    /// The request never reaches the server and nothing ever comes back; the connection stays open.
    case blackHole
    /// The connection is reset once this many bytes of one exchange went either way (an upload's body or a download),
    /// as many times as `cut(after:times:)` allowed; then everything passes.
    case cut(afterBytes: Int)

    /// The fault in a few words, for messages.
    var description: String {
        switch self {
        case .pass: "pass"
        case .reset(let bytes): "reset after \(bytes) reply bytes"
        case .truncate(let bytes): "truncate after \(bytes) reply bytes"
        case .delay(let seconds): "delay \(seconds) s"
        case .blackHole: "black hole"
        case .cut(let bytes): "cut after \(bytes) bytes either way"
        }
    }
}

/// A TCP proxy on 127.0.0.1 that injects faults into HTTP/1.1 exchanges with the server, switchable at any time.
/// POSIX sockets, a thread per direction of each connection; a fault can target a request-line prefix ("POST /v1/changes").
final class FaultProxy: @unchecked Sendable {
    /// The port the proxy listens on.
    let port: Int
    private let upstreamPort: Int
    private let listener: Int32
    private let lock = NSLock()
    private let threads = DispatchGroup()
    private var fault = Fault.pass
    private var target: String?
    private var stopped = false
    private var counters = (connections: 0, requests: 0, faulted: 0)
    private var cutsLeft = 0

    /// `http://127.0.0.1:PORT`, the URL laptops use instead of the server's.
    var url: String { "http://127.0.0.1:\(port)" }

    /// Starts a proxy to `127.0.0.1:upstreamPort` that passes everything until told otherwise.
    init(upstreamPort: Int) throws {
        self.upstreamPort = upstreamPort
        listener = try Socket.listen()
        port = Socket.port(of: listener)
        threads.enter()
        Thread { [self] in acceptLoop() }.start()
    }

    /// Applies `fault` from now on to requests whose first line starts with `target` (every request when nil).
    func set(_ fault: Fault, only target: String? = nil) {
        lock.withLock { (self.fault, self.target) = (fault, target) }
    }

    /// Resets connections whose exchange moved `bytes` either way, `times` times, on requests starting with `target`.
    func cut(after bytes: Int, times: Int, only target: String? = nil) {
        lock.withLock { (fault, self.target, cutsLeft) = (.cut(afterBytes: bytes), target, times) }
    }

    /// Cuts still to make.
    var cutsRemaining: Int { lock.withLock { cutsLeft } }

    /// Takes one cut from the budget; false when none is left.
    private func takeCut() -> Bool {
        lock.withLock {
            guard cutsLeft > 0 else { return false }
            cutsLeft -= 1
            counters.faulted += 1
            return true
        }
    }

    /// Connections accepted, requests seen, and requests a fault was applied to, so far.
    var stats: (connections: Int, requests: Int, faulted: Int) { lock.withLock { counters } }

    /// Stops accepting, ends every connection, and waits for the proxy's threads.
    func stop() {
        let first = lock.withLock { () -> Bool in defer { stopped = true }; return !stopped }
        guard first else { return }
        _ = threads.wait(timeout: .now() + 10)
        close(listener)
    }

    deinit { stop() }

    private var isStopped: Bool { lock.withLock { stopped } }

    /// The fault for a request with this first line.
    private func fault(for requestLine: String) -> Fault {
        lock.withLock { target.map { requestLine.hasPrefix($0) } ?? true ? fault : .pass }
    }

    private func count(request: Bool = false, faulted: Bool = false, connection: Bool = false) {
        lock.withLock {
            if request { counters.requests += 1 }
            if faulted { counters.faulted += 1 }
            if connection { counters.connections += 1 }
        }
    }

    private func acceptLoop() {
        defer { threads.leave() }
        while !isStopped {
            guard Socket.waitReadable(listener) else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            count(connection: true)
            threads.enter()
            Thread { [self] in serve(client) }.start()
        }
    }

    /// One connection: requests go up on a second thread, replies come down on this one; this one closes both sockets.
    private func serve(_ client: Int32) {
        defer { threads.leave() }
        guard let upstream = try? Socket.connect(port: upstreamPort) else { close(client); return }
        let exchange = Exchange()
        let uploaded = DispatchSemaphore(value: 0)
        Thread { [self] in
            pumpRequests(from: client, to: upstream, exchange)
            uploaded.signal()
        }.start()
        let ending = pumpReplies(from: upstream, to: client, exchange)
        exchange.finish()
        uploaded.wait()
        if case .reset = ending { Socket.lingerZero(client) } // close now sends RST instead of FIN
        if case .cut = ending { Socket.lingerZero(client) }
        if exchange.wasCut { Socket.lingerZero(client) }
        close(client)
        close(upstream)
    }

    private func pumpRequests(from client: Int32, to upstream: Int32, _ exchange: Exchange) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !exchange.isFinished, !isStopped {
            guard Socket.waitReadable(client) else { continue }
            let n = read(client, &buffer, buffer.count)
            guard n > 0 else { break }
            let chunk = buffer[0..<n]
            if let line = exchange.requestStarts(with: chunk) {
                count(request: true, faulted: fault(for: line) == .blackHole)
            }
            let fault = fault(for: exchange.requestLine)
            if fault == .blackHole { continue }
            if case .cut(let limit) = fault {
                let before = exchange.requestBytes(adding: n)
                if before + n >= limit, takeCut() {
                    _ = Socket.send(upstream, chunk.prefix(max(0, limit - before)))
                    exchange.markCut()
                    shutdown(upstream, Int32(SHUT_RDWR)) // the server sees the body end early; the client gets a reset
                    break
                }
            }
            guard Socket.send(upstream, chunk) else { break }
        }
        exchange.finish()
    }

    /// Forwards replies until either side ends or a fault ends the connection; returns the fault that ended it.
    private func pumpReplies(from upstream: Int32, to client: Int32, _ exchange: Exchange) -> Fault {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !exchange.isFinished, !isStopped {
            guard Socket.waitReadable(upstream) else { continue }
            let n = read(upstream, &buffer, buffer.count)
            guard n > 0 else { break }
            let fault = fault(for: exchange.requestLine)
            let sent = exchange.replyBytes(adding: n)
            switch fault {
            case .pass:
                guard Socket.send(client, buffer[0..<n]) else { return .pass }
            case .blackHole:
                continue
            case .delay(let seconds):
                if sent == 0 {
                    count(faulted: true)
                    let until = Date().addingTimeInterval(seconds)
                    while Date() < until, !exchange.isFinished, !isStopped { Thread.sleep(forTimeInterval: 0.02) }
                }
                guard Socket.send(client, buffer[0..<n]) else { return .pass }
            case .cut(let limit):
                if sent + n >= limit, takeCut() {
                    _ = Socket.send(client, buffer[0..<max(0, min(n, limit - sent))])
                    return fault
                }
                guard Socket.send(client, buffer[0..<n]) else { return .pass }
            case .reset(let limit), .truncate(let limit):
                let allowed = max(0, min(n, limit - sent))
                if allowed > 0, !Socket.send(client, buffer[0..<allowed]) { return .pass }
                if sent + n >= limit {
                    count(faulted: true)
                    if case .truncate = fault { shutdown(client, Int32(SHUT_WR)) }
                    return fault
                }
            }
        }
        return .pass
    }
}

/// The state of one connection's current exchange, shared by its two threads.
private final class Exchange: @unchecked Sendable {
    private let lock = NSLock()
    private var awaitingRequest = true
    private var line = ""
    private var replied = 0
    private var finished = false
    private var requested = 0
    private var cut = false

    var isFinished: Bool { lock.withLock { finished } }
    var requestLine: String { lock.withLock { line } }
    func finish() { lock.withLock { finished = true } }
    var wasCut: Bool { lock.withLock { cut } }
    func markCut() { lock.withLock { (cut, finished) = (true, true) } }

    /// Counts `count` more request bytes of this exchange; returns how many had come before them.
    func requestBytes(adding count: Int) -> Int {
        lock.withLock {
            defer { requested += count }
            return requested
        }
    }

    /// When `chunk` opens a new request (the first bytes after a reply began), its first line.
    func requestStarts(with chunk: ArraySlice<UInt8>) -> String? {
        lock.withLock {
            guard awaitingRequest else { return nil }
            awaitingRequest = false
            replied = 0
            requested = 0
            let end = chunk.firstIndex(of: UInt8(ascii: "\r")) ?? chunk.endIndex
            line = String(decoding: chunk[chunk.startIndex..<end], as: UTF8.self)
            return line
        }
    }

    /// Counts `count` more reply bytes; returns how many had come before them.
    func replyBytes(adding count: Int) -> Int {
        lock.withLock {
            awaitingRequest = true
            defer { replied += count }
            return replied
        }
    }
}

/// The few POSIX socket calls the proxy needs, on 127.0.0.1 only.
private enum Socket {
    static func listen() throws -> Int32 {
        let fd = try make()
        var on: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, Glibc.listen(fd, 64) == 0 else {
            close(fd)
            throw CommandFailed(description: "proxy: bind/listen failed, errno \(errno)")
        }
        return fd
    }

    static func connect(port: Int) throws -> Int32 {
        let fd = try make()
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(fd); throw CommandFailed(description: "proxy: connect to port \(port) failed, errno \(errno)") }
        return fd
    }

    static func port(of fd: Int32) -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Waits up to 100 ms for `fd` to be readable (or closed); false on a timeout, so loops can check their flags.
    static func waitReadable(_ fd: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 100) > 0
    }

    /// Writes all of `bytes`; false when the peer is gone (never raises SIGPIPE).
    static func send(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
    }

    /// Makes the next `close` reset the connection.
    static func lingerZero(_ fd: Int32) {
        var option = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
    }

    private static func make() throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw CommandFailed(description: "proxy: socket() failed, errno \(errno)") }
        return fd
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
