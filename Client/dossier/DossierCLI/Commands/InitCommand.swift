import ArgumentParser
import DossierCore
import DossierReplica
import Foundation

/// `dossier init --invite FILE` (no network) or `dossier init --server URL` (asks the server who the token is).
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init",
        abstract: "Create this laptop's replica: from an invitation file with no network, or from a token by asking the server.",
        discussion: """
            With --invite FILE every command works at once, offline; the first sync confirms the account. \
            With --server URL the token comes from --token-file, $DOSSIER_TOKEN, or a prompt that does not echo.
            """)
    @OptionGroup var replica: ReplicaOptions
    @OptionGroup var invitation: InvitationOptions
    @Option(help: "The team server, e.g. https://dossier.example.org (not needed with --invite).") var server: String?
    @OptionGroup var tokenOptions: TokenOptions
    @Option(help: "A name for this laptop.") var name: String = ProcessInfo.processInfo.hostName
    @Option(help: "A proxy, e.g. socks5h://127.0.0.1:9050 for Tor.") var proxy: String?
    @Option(help: "The server's public-key pin, sha256//BASE64 (from your team admin; an invitation carries it).") var pin: String?

    func validate() throws {
        guard (invitation.invite == nil) != (server == nil) else {
            throw UsageError("pass either --invite FILE (no network needed) or --server URL")
        }
        if invitation.invite != nil, tokenOptions.given || pin != nil {
            throw UsageError("--invite carries the token and the pin: drop --token, --token-file and --pin")
        }
    }

    func run() throws {
        if let invitation = try invitation.verified() {
            _ = try ReplicaSetup.initialise(path: replica.path, invitation: invitation, name: name, proxy: proxy)
            Output.note("initialised \(replica.path) for \(invitation.user) (\(invitation.role.rawValue)) of team \(invitation.team) "
                        + "at \(invitation.serverURL); every command works offline now — the first 'dossier sync' confirms the account")
            return
        }
        guard let server else { return }
        let token = try tokenOptions.read()
        let options = TransportOptions(baseURL: server.hasSuffix("/") ? String(server.dropLast()) : server, token: token,
                                       proxy: proxy, pin: pin)
        let status: StatusReply
        do {
            status = try ReplicaSetup.initialise(path: replica.path, options: options, name: name).1
        } catch let error as TransportError where error.isUnreachable {
            throw CLIError(message: "\(error)", hint: "no replica was created; with an invitation file from your team admin, "
                           + "'dossier init --invite FILE' needs no network", code: 3)
        }
        Output.note("initialised \(replica.path) for \(status.user) (\(status.role.rawValue)) of team \(status.team); run 'dossier sync' to fetch the team's records")
    }
}
