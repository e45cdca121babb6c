import DossierTestSupport
import Foundation
import Testing

/// A token from a file, the environment or the prompt is on no `/proc/*/cmdline` while the client holds it; `--token` warns.
@Suite struct TokenHygieneTests {
    /// `dossier init --server URL --token-file PATH`: the request carries the token, no command line does.
    @Test func aTokenFromAFileIsOnNoCommandLine() throws {
        let (folder, listener, token) = try Self.setUp()
        defer { listener.close() }
        let laptop = try FieldLaptop("file", in: folder)
        let file = try InvitationFile.write(token + "\n", named: "token", in: folder)
        let client = try laptop.start(["init", "--server", listener.url, "--token-file", file.path, "--name", "file"])
        defer { client.kill() }
        try expectHidden(token, sentIn: listener.nextRequest(timeout: 30), laptop: laptop, running: client.isRunning,
                         output: "\(client.output())")
    }

    /// `DOSSIER_TOKEN=… dossier init --server URL`: the request carries the token, no command line does.
    @Test func aTokenFromTheEnvironmentIsOnNoCommandLine() throws {
        let (folder, listener, token) = try Self.setUp()
        defer { listener.close() }
        let laptop = try FieldLaptop("environment", in: folder)
        let client = try laptop.start(["init", "--server", listener.url, "--name", "environment"], environment: ["DOSSIER_TOKEN": token])
        defer { client.kill() }
        try expectHidden(token, sentIn: listener.nextRequest(timeout: 30), laptop: laptop, running: client.isRunning,
                         output: "\(client.output())")
    }

    /// `dossier init --server URL` on a terminal: a "token…: " prompt, the typed token not echoed, on no command line.
    @Test func aTokenTypedAtThePromptIsNotEchoedAndOnNoCommandLine() throws {
        let (folder, listener, token) = try Self.setUp()
        defer { listener.close() }
        let laptop = try FieldLaptop("terminal", in: folder)
        let terminal = try PseudoTerminal()
        defer { terminal.stop() }
        try terminal.spawn(Binaries.dossier, ["init", "--server", listener.url, "--name", "terminal", "--replica", laptop.replica.path],
                           environment: ProcessRunner.environment(adding: laptop.environment()))
        let prompt = terminal.read(until: ": ", timeout: 30)
        #expect(prompt.lowercased().hasPrefix("token") && prompt.hasSuffix(": "), "no 'token…: ' prompt on the terminal; it shows:\n\(prompt)")
        let beforeTyping = prompt.count
        terminal.type(token + "\n")
        let request = try listener.nextRequest(timeout: 30)
        let shown = String(terminal.read(for: 0.5).dropFirst(beforeTyping))
        #expect(!shown.contains(token) && !shown.contains(TokenText.secret(of: token)), "the typed token was echoed: \(shown)")
        try expectHidden(token, sentIn: request, laptop: laptop, running: terminal.isRunning, output: terminal.transcript)
    }

    /// `--token T` works but warns that other users can see it, and the scan does find a token on a command line.
    @Test func aTokenOnTheCommandLineWarnsThatOthersCanSeeIt() throws {
        let (folder, listener, token) = try Self.setUp()
        defer { listener.close() }
        let laptop = try FieldLaptop("argument", in: folder)
        let client = try laptop.start(["init", "--server", listener.url, "--token", token, "--name", "argument"])
        defer { client.kill() }
        let request = try listener.nextRequest(timeout: 30)
        #expect(request.contains("Bearer \(token)"), "the request carries the token: \(request)")
        let shown = ProcessTable.commandLines().values.filter { $0.contains(token) }
        #expect(!shown.isEmpty, "the scan finds a token given as an argument (else it proves nothing)")
        let stderr = client.output().stderr
        let warning = stderr.split(separator: "\n").first { $0.lowercased().contains("warning") }.map { $0.lowercased() } ?? ""
        #expect(warning.contains("other") && warning.contains("see"), "a warning that others can see the token: \(stderr)")
        #expect(!stderr.contains(token), "the warning does not repeat the token")
    }

    /// A scratch folder, a listener that never answers, and a token of the right shape that no server knows.
    static func setUp() throws -> (ScratchFolder, SilentListener, String) {
        var generator = SystemRandomNumberGenerator()
        let hex = { (count: Int) in (0..<count).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined() }
        return (try ScratchFolder("hygiene"), try SilentListener(), "dsr_\(hex(8))_\(hex(32))")
    }

    /// The client sent `token` in its request and is still running, and no process's command line shows the token.
    private func expectHidden(_ token: String, sentIn request: String, laptop: FieldLaptop, running: Bool, output: String,
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(request.contains("Authorization: Bearer \(token)") || request.lowercased().contains("authorization: bearer \(token)"),
                "the client sent the token it was given: \(request)", sourceLocation: sourceLocation)
        let lines = ProcessTable.commandLines()
        #expect(running, "the client must still be waiting when /proc is scanned: \(output)", sourceLocation: sourceLocation)
        #expect(lines.values.contains { $0.contains(laptop.replica.path) }, "the scan sees the client", sourceLocation: sourceLocation)
        let secret = TokenText.secret(of: token)
        let showing = lines.filter { $0.value.contains(token) || $0.value.contains(secret) }
        #expect(showing.isEmpty, "the token is on a command line: \(showing.keys.sorted())", sourceLocation: sourceLocation)
        #expect(!output.contains(secret), "the client printed the token: \(output)", sourceLocation: sourceLocation)
    }
}
