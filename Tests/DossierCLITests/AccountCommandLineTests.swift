@testable import DossierCLI
import Testing

/// `init` and `login` take an invitation or a token source, never both, and refuse a malformed server key while parsing.
@Suite struct AccountCommandLineTests {
    @Test func initNeedsExactlyOneOfAnInvitationOrAServer() async throws {
        let cases: [(arguments: [String], says: String)] = [
            (["init"], "--invite FILE"),
            (["init", "--invite", "a.json", "--server", "http://127.0.0.1:8080"], "either --invite"),
            (["init", "--invite", "a.json", "--token-file", "t"], "carries the token"),
            (["init", "--invite", "a.json", "--pin", "sha256//x"], "carries the token and the pin"),
            (["init", "--server", "http://127.0.0.1:8080", "--server-key", "ed25519:AAAA"], "--server-key"),
            (["login", "--invite", "a.json", "--token", "dsr_x"], "carries the token"),
            (["login", "--server-key", "ed25519:" + String(repeating: "A", count: 43) + "="], "pass --invite FILE too"),
        ]
        for (arguments, says) in cases {
            let outcome = try #require(await CommandLineErrorTests.outcome(arguments), "\(arguments) parsed")
            #expect(outcome.code == 2 && outcome.stream == .stderr, "\(arguments): \(outcome)")
            #expect(outcome.text.contains(says), "\(arguments): \(outcome.text)")
        }
    }

    @Test func theAccountFormsParse() throws {
        for arguments in [["init", "--invite", "a.json"], ["init", "--invite", "a.json", "--server-key", "ed25519:" + String(repeating: "A", count: 43) + "="],
                          ["init", "--server", "http://127.0.0.1:8080", "--token-file", "t"], ["login", "--invite", "a.json"], ["login"]] {
            #expect(throws: Never.self, "\(arguments)") { _ = try DossierCommand.parseAsRoot(arguments) }
        }
    }
}
