import ArgumentParser
@testable import DossierCLI
import DossierCore
import DossierReplica
import Testing

/// What a command line that does not run shows: help and the version on stdout with exit 0; a usage error
/// as one line with a hint on stderr, exit 2; a user error one line, exit 1.
@Suite struct CommandLineErrorTests {
    /// The outcome of parsing `arguments` and running the root or `help` command (which only show help); nil when a subcommand parses.
    static func outcome(_ arguments: [String]) async -> Failure.Outcome? {
        do {
            var command = try DossierCommand.parseAsRoot(arguments)
            if var root = command as? DossierCommand { try await root.run() }
            if type(of: command)._commandName == "help" { try command.run() }
            return nil
        } catch {
            return Failure.outcome(of: error, arguments: arguments)
        }
    }

    @Test func helpGoesToStdoutWithExit0() async throws {
        for arguments in [[], ["--help"], ["incident", "add", "--help"], ["help", "sync"], ["resolve", "-h"]] {
            let outcome = try #require(await Self.outcome(arguments), "\(arguments)")
            #expect(outcome.stream == .stdout && outcome.code == 0, "\(arguments)")
            #expect(outcome.text.hasPrefix("OVERVIEW: ") && outcome.text.contains("USAGE: dossier"), "\(arguments): \(outcome.text)")
        }
        #expect(await Self.outcome(["incident", "add", "--help"])?.text.contains("--event-type <event-type>") == true)
    }

    @Test func versionIsDossiersOnStdout() async {
        #expect(await Self.outcome(["--version"]) == Failure.Outcome(text: DossierVersion.current, stream: .stdout, code: 0))
    }

    @Test func aUsageErrorThrowsAndIsOneLineWithAHintAndExit2() async throws {
        let missing = ["incident", "add", "--title", "Bombing of the presidential palace", "--date", "2021", "--place", "the palace"]
        #expect(throws: (any Error).self) { try DossierCommand.parseAsRoot(missing) }
        #expect(await Self.outcome(missing) == Failure.Outcome(
            text: "error: a new incident needs --event-type — see 'dossier incident add --help'", stream: .stderr, code: 2))

        let cases: [(arguments: [String], says: String)] = [
            (["source", "add", "--kind", "news"], "--title"),
            (["incident", "claim", "--killed", "185"], "<id>"),
            (["resolve", "0191", "place"], "--pick or --value"),
            (["quote", "edit", "0191", "--source", "0192"], "--source"),
            (["incident", "nonsense"], "nonsense"),
            (["sync", "--retries", "many"], "many"),
        ]
        for (arguments, says) in cases {
            let outcome = try #require(await Self.outcome(arguments), "\(arguments) parsed")
            #expect(outcome.code == 2 && outcome.stream == .stderr, "\(arguments): \(outcome)")
            #expect(!outcome.text.contains("\n") && outcome.text.hasPrefix("error: ") && outcome.text.contains(says), "\(outcome.text)")
            #expect(outcome.text.hasSuffix("--help'"), "a hint: \(outcome.text)")
        }
    }

    @Test func theHintNamesTheSubcommandThatFailed() {
        #expect(Failure.commandPath(of: ["incident", "add", "--title", "T"]) == ["dossier", "incident", "add"])
        #expect(Failure.commandPath(of: ["resolve", "incident", "place"]) == ["dossier", "resolve"], "an id named like a command is not one")
        #expect(Failure.commandPath(of: ["--json"]) == ["dossier"])
    }

    @Test func userErrorsAreOneLineWithTheirHintAndExit1() {
        let input = Failure.outcome(of: InputError("'many' is not a figure", hint: "use a whole number (185) or a range (170-185)"), arguments: [])
        #expect(input == Failure.Outcome(text: "error: 'many' is not a figure — use a whole number (185) or a range (170-185)",
                                         stream: .stderr, code: 1))
        let refused = Failure.outcome(of: ReplicaError.refused("place has no open conflict on this record"), arguments: [])
        #expect(refused.code == 1 && refused.text.hasPrefix("error: place has no open conflict on this record — "))
    }
}
