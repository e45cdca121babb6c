#if canImport(Glibc)
import Glibc
#endif
import DossierTestSupport
import Foundation

/// A TCP listener on 127.0.0.1 that reads a request's head and never answers, so the client waits until it is killed.
final class SilentListener: @unchecked Sendable {
    /// The port it listens on.
    let port: Int
    private let listener: Int32
    private var accepted: [Int32] = []

    /// `http://127.0.0.1:PORT`.
    var url: String { "http://127.0.0.1:\(port)" }

    /// Listens on a free port of 127.0.0.1.
    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw CommandFailed(description: "socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            Glibc.close(descriptor)
            throw CommandFailed(description: "cannot listen on 127.0.0.1: errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        listener = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Waits up to `timeout` seconds for a connection and its request head, then keeps it open unanswered.
    func nextRequest(timeout: TimeInterval) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        guard Self.waitReadable(listener, until: deadline) else {
            throw CommandFailed(description: "no client connected to \(url) within \(Int(timeout)) s")
        }
        let connection = accept(listener, nil, nil)
        guard connection >= 0 else { throw CommandFailed(description: "accept() failed: errno \(errno)") }
        accepted.append(connection)
        var head: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while !String(decoding: head, as: UTF8.self).contains("\r\n\r\n"), Self.waitReadable(connection, until: deadline) {
            let count = read(connection, &buffer, buffer.count)
            guard count > 0 else { break }
            head += buffer[0..<count]
        }
        return String(decoding: head, as: UTF8.self)
    }

    /// Closes the listener and every connection it accepted.
    func close() {
        for connection in accepted { Glibc.close(connection) }
        accepted = []
        Glibc.close(listener)
    }

    private static func waitReadable(_ descriptor: Int32, until deadline: Date) -> Bool {
        let milliseconds = Int32(max(0, deadline.timeIntervalSinceNow) * 1000)
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, milliseconds) == 1
    }
}

/// Every process's command line as `/proc/PID/cmdline` shows it to any user of the machine.
enum ProcessTable {
    /// Command lines by PID, arguments joined by spaces; processes that ended during the scan are left out.
    static func commandLines() -> [Int32: String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        var lines: [Int32: String] = [:]
        for entry in entries {
            guard let pid = Int32(entry), let bytes = readAll("/proc/\(entry)/cmdline") else { continue }
            lines[pid] = String(decoding: bytes.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
        }
        return lines
    }

    /// A /proc file's bytes, read to the end (its size on disk is 0).
    private static func readAll(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { Glibc.close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return bytes
    }
}
