import ArgumentParser
import DossierReplica
import Foundation

/// `dossier init --server URL --token TOKEN`.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init",
        abstract: "Create this laptop's replica for your account on the team server (asks the server who you are).")
    @OptionGroup var replica: ReplicaOptions
    @Option(help: "The team server, e.g. https://dossier.example.org.") var server: String
    @Option(help: "Your token, as 'dossier-server user add' printed it.") var token: String
    @Option(help: "A name for this laptop.") var name: String = ProcessInfo.processInfo.hostName
    @Option(help: "A proxy, e.g. socks5h://127.0.0.1:9050 for Tor.") var proxy: String?
    @Option(help: "The server's public-key pin, sha256//BASE64 (from your team admin).") var pin: String?

    func run() throws {
        let options = TransportOptions(baseURL: server.hasSuffix("/") ? String(server.dropLast()) : server, token: token,
                                       proxy: proxy, pin: pin)
        let (_, status) = try ReplicaSetup.initialise(path: replica.path, options: options, name: name)
        Output.note("initialised \(replica.path) for \(status.user) (\(status.role.rawValue)) of team \(status.team); run 'dossier sync' to fetch the team's records")
    }
}
