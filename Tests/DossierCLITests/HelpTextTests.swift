import ArgumentParser
@testable import DossierCLI
import Foundation
import Testing

/// The help screens of the main commands, pinned: every option and argument appears with its help text.
@Suite struct HelpTextTests {
    /// `--replica`'s help, shared by every command that opens the replica.
    static let replica = ("--replica <path>", "The replica file (default: $DOSSIER_REPLICA, else ~/.local/share/dossier/replica.sqlite).")
    /// `--json`'s help, shared by the read commands.
    static let json = ("--json", "Print one JSON document on stdout.")

    /// The incident's field options, shared by `incident add` and `incident edit`.
    static let incidentFields: [(String, String)] = [
        ("--title <title>", "A short title (required to add)."),
        ("--date <date>", "When it happened: YYYY, YYYY-MM or YYYY-MM-DD (required to add)."),
        ("--place <place>", "The place as stated, e.g. \"Kabul airport\" (required to add)."),
        ("--event-type <event-type>", "ACLED event type, e.g. \"Explosions/Remote violence\" (required to add)."),
        ("--sub-event-type <sub-event-type>", "ACLED sub-event type, e.g. \"Suicide bomb\"."),
        ("--admin1 <admin1>", "First-level region (province)."),
        ("--country <country>", "ISO 3166 alpha-2 country code (AF)."),
        ("--lat <lat>", "Latitude, WGS84 (with --lon)."),
        ("--lon <lon>", "Longitude, WGS84 (with --lat)."),
        ("--summary <summary>", "A summary."),
        ("--summary-file <path>", "Read the summary from a file ('-' for standard input), for long texts."),
        ("--review-status <review-status>", "draft, coded, reviewed (a new incident is a draft)."),
    ]

    /// Each option's (or argument's) synopsis and help text, by command.
    static let pinned: [(command: any ParsableCommand.Type, entries: [(String, String)])] = [
        (IncidentCommand.Add.self, [replica] + incidentFields + [
            ("--actor <actor>", "ACTOR_ID:role (repeatable; roles: perpetrator, target, victim, claimed_by, associated)."),
            ("--source <source>", "A source id (repeatable)."),
            ("--tag <tag>", "A tag (repeatable)."),
        ]),
        (IncidentCommand.Edit.self, [replica, ("<id>", "The incident's id (a unique prefix is enough).")] + incidentFields + [
            ("--add-tag <add-tag>", "Add a tag (repeatable)."),
            ("--remove-tag <remove-tag>", "Remove a tag (repeatable)."),
            ("--add-actor <add-actor>", "Add an actor as ACTOR_ID:role (repeatable)."),
            ("--remove-actor <remove-actor>", "Remove an actor's role, as ACTOR_ID:role (repeatable)."),
            ("--add-source <add-source>", "Add a source id (repeatable)."),
            ("--remove-source <remove-source>", "Remove a source id (repeatable)."),
        ]),
        (SyncCommand.self, [
            replica, json,
            ("--timeout <timeout>", "Seconds allowed for each request; a file transfer ends only when no byte moved for this long "
                + "(a slow link such as Tor needs more). (default: 120.0)"),
            ("--connect-timeout <connect-timeout>", "Seconds allowed to connect. (default: 30.0)"),
            ("--retries <retries>", "Retries after a network failure or a busy server, with backoff; a cut file transfer resumes "
                + "this many times in a row without progress. (default: 4)"),
            ("--with-files", "Then download every evidence file not kept here yet (see 'dossier fetch')."),
            ("--to-dir <path>", "Instead of syncing, write your waiting changes (signed) and their evidence files to this folder for a "
                + "colleague to carry."),
            ("--from-dir <path>", "Instead of syncing, check and take a colleague's folder; their changes keep their author and are pushed "
                + "at your next sync."),
        ]),
        (ResolveCommand.self, [
            replica,
            ("<id>", "The record's id (a unique prefix is enough)."),
            ("<field>", "The field in conflict, as 'dossier conflicts' lists it."),
            ("--pick <pick>", "The number of the candidate to keep, as listed."),
            ("--value <value>", "A new value instead (a location as LAT,LON, e.g. 34.5656,69.2078)."),
        ]),
        (ShowCommand.self, [
            replica, json,
            ("<id>", "The record's id (a unique prefix is enough)."),
            ("--history", "Also show every change: who, when, from which replica, what its author had seen and what they wrote."),
        ]),
    ]

    /// The lines of a command's help screen, wide enough that no help text wraps.
    static func lines(of command: any ParsableCommand.Type) -> [String] {
        DossierCommand.helpMessage(for: command, columns: 1_000).split(separator: "\n").map(String.init)
    }

    /// Each option's or argument's synopsis and its help text, as the help screen lists them (the text on the
    /// synopsis's line, or on the next one when the synopsis is too long to share it).
    static func entries(of command: any ParsableCommand.Type) throws -> [String: String] {
        let entry = try Regex("^  (-h, --help|--[a-z0-9-]+(?: <[a-z0-9-]+>)?|<[a-z0-9-]+>)(?: +(.*))?$")
        let lines = lines(of: command)
        var entries: [String: String] = [:]
        for (index, line) in lines.enumerated() {
            guard let match = line.wholeMatch(of: entry), let synopsis = match.output[1].substring else { continue }
            let help = match.output[2].substring.map(String.init) ?? lines[index + 1].trimmingCharacters(in: .whitespaces)
            entries[String(synopsis)] = help
        }
        return entries
    }

    @Test(arguments: 0..<pinned.count)
    func everyOptionOfAMainCommandAppearsWithItsHelp(_ index: Int) throws {
        let (command, pinned) = Self.pinned[index]
        var entries = try Self.entries(of: command)
        #expect(entries.removeValue(forKey: "-h, --help") == "Show help information.")
        #expect(entries.removeValue(forKey: "--version") == "Show the version.")
        for (synopsis, help) in pinned {
            #expect(entries.removeValue(forKey: synopsis) == help, "\(command._commandName) \(synopsis)")
        }
        #expect(entries.isEmpty, "every option of \(command._commandName) is pinned")
    }

    @Test func addNamesItsRequiredOptionsInItsUsage() {
        let usage = Self.lines(of: IncidentCommand.Add.self).first { $0.hasPrefix("USAGE:") }
        #expect(usage == "USAGE: dossier incident add --title <title> --date <date> --place <place> --event-type <event-type> [<options>]")
    }

    @Test func everyOptionAndArgumentOfEveryCommandHasHelp() throws {
        let dump = try JSONDecoder().decode(Dump.self, from: Data(DossierCommand._dumpHelp().utf8))
        var commands = [dump.command], checked = 0
        while let command = commands.popLast() {
            commands += command.subcommands ?? []
            if command.commandName == "help" { continue }  // swift-argument-parser's own `help` command
            for argument in command.arguments ?? [] {
                checked += 1
                #expect(!(argument.abstract ?? "").isEmpty, "\(command.commandName): \(argument.valueName ?? "?") has no help")
            }
        }
        #expect(checked > 100)
    }

    /// The parts of swift-argument-parser's `--experimental-dump-help` document the test reads.
    struct Dump: Decodable {
        /// A command and its subcommands.
        struct Command: Decodable {
            var commandName: String
            var arguments: [Argument]?
            var subcommands: [Command]?
        }
        /// An option, flag or argument.
        struct Argument: Decodable {
            var valueName: String?
            var abstract: String?
        }
        var command: Command
    }
}
