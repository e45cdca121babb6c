import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// The real `dossier` binary: help and `--version` on stdout with exit 0, a usage error one line on stderr with exit 2.
@Suite struct CommandLineHelpTests {
    /// Runs `dossier ARGUMENTS` with no replica involved.
    static func dossier(_ arguments: String...) throws -> ProcessResult { try dossier(arguments) }

    /// Runs `dossier ARGUMENTS` with no replica involved.
    static func dossier(_ arguments: [String]) throws -> ProcessResult {
        let home = try ScratchFolder("help")
        return try withExtendedLifetime(home) { try ProcessRunner.run(Binaries.dossier, arguments, environment: ["HOME": home.url.path]) }
    }

    @Test func helpIsPrintedOnStdoutWithExit0() throws {
        for arguments in [["--help"], ["incident", "add", "--help"], ["resolve", "--help"], ["help", "sync"]] {
            let result = try Self.dossier(arguments)
            #expect(result.status == 0, "\(result)")
            #expect(result.stderr.isEmpty, "\(result)")
            #expect(result.stdout.contains("USAGE: dossier"), "\(result)")
        }
        #expect(try Self.dossier("incident", "add", "--help").stdout.contains("--event-type <event-type>"))
        #expect(try Self.dossier("resolve", "--help").stdout.contains("LAT,LON"))
    }

    @Test func versionIsPrintedOnStdout() throws {
        let result = try Self.dossier("--version")
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result)")
        #expect(result.stdout == DossierVersion.current + "\n")
    }

    @Test func aUsageErrorIsOneLineWithAHintAndExit2() throws {
        let result = try Self.dossier("incident", "add", "--title", "Bombing of the presidential palace", "--date", "2021")
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderrLines == ["error: a new incident needs --place, --event-type — see 'dossier incident add --help'"], "\(result)")
        let unknown = try Self.dossier("sync", "--retry", "3")
        #expect(unknown.status == 2 && unknown.stderrLines.count == 1, "\(unknown)")
        #expect(unknown.stderr.hasPrefix("error: ") && unknown.stderr.contains("--retry") && unknown.stderr.contains("'dossier sync --help'"))
    }
}
