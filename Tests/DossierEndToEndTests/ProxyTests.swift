import DossierTestSupport
import Foundation
import Testing

/// Sync through a SOCKS5 proxy (`--proxy socks5h://…`, as for Tor), with a real proxy (microsocks) on loopback.
@Suite struct ProxyTests {
    /// A free loopback port.
    static func freePort() throws -> Int {
        let result = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/python3"),
            ["-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"])
        guard let port = Int(result.lastLine) else { throw CommandFailed(description: result.description) }
        return port
    }

    @Test func syncGoesThroughASocksProxyAndExits3WhenTheProxyIsGone() throws {
        try TeamServer.with(users: [("amina", "editor"), ("bilal", "editor")]) { server in
            let port = try Self.freePort()
            let proxy = try RunningCommand(URL(fileURLWithPath: "/usr/bin/microsocks"), ["-i", "127.0.0.1", "-p", String(port)])
            defer { if proxy.kill() { _ = try? proxy.wait() } }
            Thread.sleep(forTimeInterval: 0.3)

            let folder = try ScratchFolder("proxy")
            let amina = Laptop(user: "amina", replica: folder.file("amina.sqlite"), home: folder.url)
            try amina.ok("init", "--server", server.url, "--token", server.tokens["amina"]!, "--proxy", "socks5h://127.0.0.1:\(port)")
            let incident = try amina.create("incident", "add", "--title", "Suicide attack at Kabul airport", "--date", "2021-08-26",
                                            "--place", "Kabul airport", "--event-type", "Explosions/Remote violence")
            try amina.sync()
            let bilal = try server.laptop(for: "bilal", name: "bilal")
            try bilal.sync()
            #expect(try bilal.show(incident)["fields"]?["title"] == .string("Suicide attack at Kabul airport"))

            proxy.kill()
            _ = try? proxy.wait()
            _ = try amina.ok("incident", "edit", incident, "--summary", "written while the proxy is down")
            let offline = try amina.run("sync", "--retries", "0")
            #expect(offline.status == 3, "\(offline)")
            #expect(offline.stderrLines.count == 1 && offline.stderr.contains("socks5h://127.0.0.1:\(port)"))
            #expect(try amina.pending() == 1)
        }
    }
}
