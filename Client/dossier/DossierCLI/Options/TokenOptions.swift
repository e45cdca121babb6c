import ArgumentParser
import DossierTrust
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a token comes from, never needing the command line: `--token-file`, `$DOSSIER_TOKEN`, a no-echo prompt on a
/// terminal, or (with a warning) `--token`.
struct TokenOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A file holding your token (e.g. one your admin sent); safer than --token.", valueName: "path"))
    var tokenFile: String?
    @Option(help: "Your token. Other users of this machine can see it (ps, shell history): prefer --token-file, $DOSSIER_TOKEN or the prompt.")
    var token: String?

    /// Whether any source was named on the command line.
    var given: Bool { tokenFile != nil || token != nil }

    /// The token from the first source that has one; fails with a hint when none does.
    func read() throws -> String {
        let text: String
        if let tokenFile {
            text = try LongText.read(tokenFile, option: "--token-file")
        } else if let token {
            Output.note("warning: a token given with --token can be seen by other users of this machine (ps, shell history); "
                        + "use --token-file, $DOSSIER_TOKEN or the prompt instead")
            text = token
        } else if let environment = ProcessInfo.processInfo.environment["DOSSIER_TOKEN"], !environment.isEmpty {
            text = environment
        } else if isatty(STDIN_FILENO) == 1, let typed = getpass("token: ") {
            text = String(cString: typed)
        } else {
            throw CLIError(message: "no token given",
                           hint: "pass --token-file PATH or set $DOSSIER_TOKEN (or run on a terminal to be asked), or use --invite FILE")
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("dsr_"), !trimmed.contains(where: \.isWhitespace) else {
            throw CLIError(message: "that is not a Dossier token", hint: "a token starts with dsr_; copy it as 'dossier-server user add' printed it")
        }
        return trimmed
    }
}

/// `--invite FILE [--server-key KEY]`, shared by `init` and `login`.
struct InvitationOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The invitation file your team admin gave you ('dossier-server user add --invite'); needs no network.",
                               valueName: "file"))
    var invite: String?
    @Option(help: ArgumentHelp("The server's identity key (ed25519:…) your admin told you by another channel; the invitation must match it.",
                               valueName: "key"))
    var serverKey: String?

    func validate() throws {
        if let serverKey, SigningPublicKey(serverKey) == nil {
            throw ValidationError("--server-key must be of the form ed25519:BASE64, as 'dossier-server server-key' prints it")
        }
        if serverKey != nil, invite == nil { throw ValidationError("--server-key checks an invitation: pass --invite FILE too") }
    }

    /// The invitation, checked: whole, unaltered, signed by the key it names (and by `--server-key`), not expired.
    func verified() throws -> Invitation? {
        guard let invite else { return nil }
        guard let bytes = FileManager.default.contents(atPath: invite) else {
            throw CLIError(message: "cannot read the invitation \(invite)", hint: "check the path and that you may read it")
        }
        do {
            return try SignedInvitation.verified(bytes, expectedKey: serverKey.flatMap(SigningPublicKey.init))
        } catch {
            throw CLIError(message: "\(invite): \(error); nothing was changed", hint: error.hint)
        }
    }
}
