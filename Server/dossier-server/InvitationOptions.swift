import ArgumentParser
import DossierCore
import DossierServer
import Foundation

/// `--invite FILE [--server-url URL] [--expires 14d]`, shared by `user add` and `user reissue`.
struct InvitationOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Also write an invitation file (mode 0600) to hand to the user: 'dossier init --invite FILE' works with no network.",
                               valueName: "file"))
    var invite: String?
    @Option(help: "The URL researchers reach the server at (default: the 'serve --public-url' this store remembers, else where serve last listened).")
    var serverURL: String?
    @Option(help: "How long the invitation may wait for its first use: a number and s, m, h or d.") var expires: Lifetime = Lifetime(days: 14)

    func validate() throws {
        try checkServerURL(serverURL, option: "--server-url")
        if let invite {
            let folder = URL(fileURLWithPath: invite).deletingLastPathComponent().path
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw ValidationError("the folder of --invite \(invite) does not exist")
            }
        }
    }

    /// Stores `token` for a user with `storeUser` (an add or a reissue) and writes their invitation when one was asked for;
    /// when no server URL is known it fails before anything is stored.
    func provision(_ token: AccessToken, in store: any AccountStore,
                   _ storeUser: (StoredCredential) async throws -> Member) async throws -> Member {
        let issuer = try await issuer(store: store)
        let firstUseBy = issuer?.firstUseBy()
        let member = try await storeUser(token.stored(firstUseBy: firstUseBy))
        if let issuer, let firstUseBy { try await write(for: member, token: token, firstUseBy: firstUseBy, issuer: issuer, store: store) }
        return member
    }

    /// The issuer when an invitation is asked for; fails (one line, exit 1) before anything is stored when no URL is known.
    private func issuer(store: any AccountStore) async throws -> InvitationIssuer? {
        guard invite != nil else { return nil }
        do {
            return try await InvitationIssuer(serverURL: serverURL, lifetime: expires.seconds, store: store)
        } catch let error as InvitationIssuerError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// Writes the member's invitation and says where on stdout.
    private func write(for member: Member, token: AccessToken, firstUseBy: Int64, issuer: InvitationIssuer, store: any AccountStore) async throws {
        guard let invite else { return }
        let signed = try await issuer.invitation(for: member, token: token.description, firstUseBy: firstUseBy, store: store)
        do {
            try signed.write(to: invite)
        } catch {
            FileHandle.standardError.write(Data(("error: user \(member.name) is set up but the invitation could not be written to \(invite); "
                + "run 'dossier-server user reissue \(member.name) --invite FILE'\n").utf8))
            throw ExitCode(1)
        }
        print("invitation for \(member.name) written to \(invite) (mode 0600; expires \(signed.invitation.expiresAt) unless used before)")
    }
}

/// Refuses (as a usage error) a server address that is not an http:// or https:// URL with a host.
func checkServerURL(_ url: String?, option: String) throws {
    guard let url else { return }
    guard url.hasPrefix("http://") || url.hasPrefix("https://"), URL(string: url)?.host != nil else {
        throw ValidationError("\(option) must be an http:// or https:// URL, e.g. https://dossier.example.org")
    }
}

/// A duration typed as a number and a unit: `90s`, `30m`, `12h`, `14d`.
struct Lifetime: ExpressibleByArgument, Sendable {
    /// The duration in seconds.
    var seconds: TimeInterval

    /// A number of days.
    init(days: Int) {
        seconds = TimeInterval(days) * 86_400
    }

    init?(argument: String) {
        let units: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        guard let unit = argument.last.flatMap({ units[$0] }), let count = Int(argument.dropLast()), count > 0 else { return nil }
        seconds = TimeInterval(count) * unit
    }

    /// How help shows the default.
    var defaultValueDescription: String { seconds.truncatingRemainder(dividingBy: 86_400) == 0 ? "\(Int(seconds / 86_400))d" : "\(Int(seconds))s" }
}
