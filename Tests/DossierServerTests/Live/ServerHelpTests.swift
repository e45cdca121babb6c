import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// The real `dossier-server`'s help, version and usage errors: every option of the main commands is listed with its help.
@Suite struct ServerHelpTests {
    static let store = "--store <store> The store: sqlite:PATH or postgres://USER@HOST:PORT/DATABASE. "
        + "(default: $DOSSIER_STORE, else sqlite:dossier-server.sqlite)"

    @Test func serveHelpListsEveryOptionWithItsHelp() throws {
        // Past 12 options, swift-argument-parser's usage line names them all "<options>"; the list below has each.
        try Self.expectHelp(["serve"], usage: "dossier-server serve <options>", entries: [
                Self.store,
                "--host <host> Address to listen on. (default: 127.0.0.1)",
                "--port <port> Port to listen on (0 picks a free one and prints it). (default: 8080)",
                "--public-url <public-url> The URL researchers reach this server at; remembered in the store for the invitations "
                    + "'user add --invite' writes.",
                "--tls-cert <tls-cert> TLS certificate chain (PEM); with --tls-key the server speaks HTTPS.",
                "--tls-key <tls-key> TLS private key (PEM).",
                "--max-body <max-body> Largest request body in bytes, after gzip. (default: 16777216)",
                "--max-blob <max-blob> Largest evidence file accepted (e.g. 2GiB, 500MB); a larger upload is refused with 413 before any "
                    + "byte is kept. (default: 2.0 GiB)",
                "--blob-cache <folder> A folder of this server's own for copies of whole evidence files, which downloads then read from "
                    + "disk (PostgreSQL store only; PostgreSQL stays the record, and a missing copy is read from it again).",
                "--max-clock-skew <max-clock-skew> How far ahead of the server's clock a change may be stamped, in seconds. (default: 600)",
                "--log-level <log-level> Log level: trace, debug, info, notice, warning, error. (default: info)",
                "--require-signatures Refuse unsigned changes even from replicas without a device key (clients that do not sign, "
                    + "such as scripts).",
                "--no-web Do not serve the team's read-only web view under /.",
            ])
    }

    @Test func teamAddHelpListsItsArgumentAndOptions() throws {
        try Self.expectHelp(["team", "add"], usage: "dossier-server team add [--store <store>] <name> [--quota <quota>]", entries: [
            "<name> The team's name.",
            Self.store,
            "--quota <quota> Most bytes the team's evidence files may take on the server (e.g. 20GiB); none by default.",
        ])
    }

    @Test func userAddHelpListsItsArgumentAndOptions() throws {
        try Self.expectHelp(["user", "add"], usage: "dossier-server user add [--store <store>] <name> --team <team> [--role <role>] "
            + "[--invite <file>] [--server-url <server-url>] [--expires <expires>]", entries: [
            "<name> The user's name: the author of their changes.",
            Self.store,
            "--team <team> The user's team.",
            "--role <role> What they may do: admins and editors push and pull, viewers only pull. "
                + "(values: admin, editor, viewer; default: editor)",
            "--invite <file> Also write an invitation file (mode 0600) to hand to the user: 'dossier init --invite FILE' works with no network.",
            "--server-url <server-url> The URL researchers reach the server at (default: the 'serve --public-url' this store remembers, "
                + "else where serve last listened).",
            "--expires <expires> How long the invitation may wait for its first use: a number and s, m, h or d. (default: 14d)",
        ])
    }

    @Test func versionPrintsTheSharedVersionOnStdout() throws {
        let version = try ProcessRunner.run(Binaries.server, ["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == DossierVersion.current + "\n")
        #expect(version.stderr.isEmpty)
    }

    @Test func unknownOptionIsAOneLineUsageErrorWithExit2() throws {
        let unknown = try ProcessRunner.run(Binaries.server, ["serve", "--bogus"])
        #expect(unknown.status == 2)
        #expect(unknown.stdout.isEmpty)
        #expect(unknown.stderr == "error: Unknown option '--bogus' — see 'dossier-server serve --help'\n")
    }

    @Test func refusedOptionValuesAreOneLineUsageErrorsWithExit2() throws {
        let halfTLS = try ProcessRunner.run(Binaries.server, ["serve", "--tls-cert", "cert.pem"])
        #expect(halfTLS.status == 2)
        #expect(halfTLS.stderr == "error: --tls-cert and --tls-key go together — see 'dossier-server serve --help'\n")
        let sqliteCache = try ProcessRunner.run(Binaries.server, ["serve", "--store", "sqlite:team.sqlite", "--blob-cache", "cache"])
        #expect(sqliteCache.status == 2)
        #expect(sqliteCache.stderr == "error: --blob-cache is for a PostgreSQL store; the SQLite store keeps its files in team.sqlite-blobs "
                + "already — see 'dossier-server serve --help'\n")
        let badStore = try ProcessRunner.run(Binaries.server, ["team", "add", "kabul", "--store", "ftp://example.org"])
        #expect(badStore.status == 2)
        #expect(badStore.stderr == "error: unknown store 'ftp://example.org'; use sqlite:PATH or postgres://USER@HOST:PORT/DATABASE"
                + " — see 'dossier-server team add --help'\n")
        let badRole = try ProcessRunner.run(Binaries.server, ["user", "add", "omar", "--team", "kabul", "--role", "boss"])
        #expect(badRole.status == 2)
        #expect(badRole.stderr.hasPrefix("error: The value 'boss' is invalid for '--role <role>'"))
        #expect(badRole.stderr.hasSuffix(" — see 'dossier-server user add --help'\n"))
    }

    /// Runs `COMMAND --help` and checks exit 0, stdout only, the usage line, and exactly these argument and option entries.
    static func expectHelp(_ command: [String], usage: String, entries: [String],
                          sourceLocation: SourceLocation = #_sourceLocation) throws {
        let help = try ProcessRunner.run(Binaries.server, command + ["--help"], environment: ["COLUMNS": "80"])
        #expect(help.status == 0, sourceLocation: sourceLocation)
        #expect(help.stderr.isEmpty, sourceLocation: sourceLocation)
        let listed = Self.entries(help.stdout)
        #expect(listed.first == "USAGE: " + usage, sourceLocation: sourceLocation)
        #expect(Array(listed.dropFirst()) == entries + ["--version Show the version.", "-h, --help Show help information."],
                sourceLocation: sourceLocation)
    }

    /// The usage line, then each argument and option entry of a help text, with wrapped lines joined.
    static func entries(_ help: String) -> [String] {
        var entries: [String] = []
        var section = ""
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            let words = line.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if line.hasPrefix("USAGE:") || line.hasSuffix(":") && !line.hasPrefix(" ") {
                section = String(line)
                if line.hasPrefix("USAGE:") { entries.append(words) }
            } else if words.isEmpty {
                section = ""
            } else if section == "ARGUMENTS:" || section == "OPTIONS:" {
                if line.hasPrefix("  ") && !line.hasPrefix("   ") {
                    entries.append(words)
                } else if !entries.isEmpty {
                    entries[entries.count - 1] += " " + words
                }
            } else if section.hasPrefix("USAGE:") {
                entries[0] += " " + words
            }
        }
        return entries
    }
}
