import ArgumentParser
import DossierReplica
import Foundation

/// `dossier login --invite FILE` or `dossier login --token-file PATH`: a new token on an existing replica.
struct LoginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "login",
        abstract: "Put a new invitation or token on this replica (after 'dossier-server user reissue'); your outbox and history stay.",
        discussion: "The replica keeps its id, author, outbox and history; the next 'dossier sync' pushes what waited, once.")
    @OptionGroup var replica: ReplicaOptions
    @OptionGroup var invitation: InvitationOptions
    @OptionGroup var tokenOptions: TokenOptions

    func validate() throws {
        if invitation.invite != nil, tokenOptions.given { throw UsageError("--invite carries the token: drop --token and --token-file") }
    }

    func run() throws {
        let replica = try replica.open()
        let pending = try replica.pendingCount()
        if let invitation = try invitation.verified() {
            try replica.login(invitation: invitation)
        } else {
            try replica.login(token: try tokenOptions.read())
        }
        Output.note("new token stored for \(try replica.settings().author); \(pending) change(s) wait in the outbox — "
                    + "run 'dossier sync' to confirm the account and send them")
    }
}
