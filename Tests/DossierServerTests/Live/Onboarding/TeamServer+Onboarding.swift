import DossierServer
import DossierTestSupport
import DossierTrust
import Foundation

extension TeamServer {
    /// Runs an admin subcommand on this store and returns whatever happened (no check of the exit status).
    func adminResult(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run(Binaries.server, arguments + ["--store", store])
    }

    /// `user add NAME --team T --role R --invite FILE --server-url URL [--expires E]`: the token printed alone on the last line.
    @discardableResult
    func invite(_ user: String, team: String = "kabul", role: String = "editor", to file: URL, serverURL: String,
                expires: String? = nil) throws -> String {
        var arguments = ["user", "add", user, "--team", team, "--role", role, "--invite", file.path, "--server-url", serverURL]
        if let expires { arguments += ["--expires", expires] }
        return try Self.token(of: admin(arguments))
    }

    /// A laptop of a new user of `team`, made from an invitation to this running server.
    func invitedLaptop(_ name: String, team: String = "kabul") throws -> FieldLaptop {
        let laptop = try FieldLaptop(name, in: folder)
        let invitation = folder.file("\(name).invitation")
        try invite(name, team: team, to: invitation, serverURL: url)
        try laptop.initialise(invite: invitation)
        return laptop
    }

    /// `user reissue NAME --invite FILE --server-url URL`: the new token printed alone on the last line.
    @discardableResult
    func reissue(_ user: String, to file: URL, serverURL: String) throws -> String {
        try Self.token(of: admin(["user", "reissue", user, "--invite", file.path, "--server-url", serverURL]))
    }

    /// `dossier-server server-key`: the last stdout line.
    func serverKey() throws -> String { try admin(["server-key"]).lastLine }

    /// `user list --json [--team T]`.
    func userList(team: String? = nil) throws -> [[String: Any]] {
        try Parsed.array(admin(["user", "list", "--json"] + (team.map { ["--team", $0] } ?? [])))
    }

    /// `team list --json`.
    func teamList() throws -> [[String: Any]] { try Parsed.array(admin(["team", "list", "--json"])) }

    /// A port that was free a moment ago: the server is started on port 0 and stopped again, so nothing listens on it.
    func reservePort() throws -> Int {
        try start()
        let port = self.port
        stop()
        return port
    }

    /// The raw private half of the store's identity key, read through the store itself (never printed by the tests).
    func identityPrivateKey() async throws -> Data {
        try await location().withStore(logger: TestStores.logger) { store in try await store.identity().storedPrivateKey }
    }

    private static func token(of result: ProcessResult) throws -> String {
        let token = result.lastLine
        guard token.hasPrefix("dsr_"), !token.contains(" ") else { throw CommandFailed(description: "no token on the last line of \(result)") }
        return token
    }
}

/// The parts of a token: `dsr_SELECTOR_SECRET`.
enum TokenText {
    /// The secret part (after the second underscore), or the whole text when it has no such part.
    static func secret(of token: String) -> String {
        let parts = token.split(separator: "_")
        return parts.count == 3 ? String(parts[2]) : token
    }
}
