import ArgumentParser
import DossierCore
import DossierServer

extension DossierServerCommand {
    /// `dossier-server team …`.
    struct TeamCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "team", abstract: "Manage teams.", subcommands: [Add.self, Edit.self, List.self])
    }
}

extension DossierServerCommand.TeamCommand {
    /// `dossier-server team add NAME`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a team.")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The team's name.") var name: String
        @Option(help: "Most bytes the team's evidence files may take on the server (e.g. 20GiB); none by default.")
        var quota: QuotaOption?

        func validate() throws {
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("the team needs a name") }
        }

        func run() async throws {
            let team = try await storeOptions.withStore(logger: adminLogger()) { [name, quota] store in
                let team = try await store.addTeam(named: name)
                if let quota { try await store.setQuota(team: name, bytes: quota.bytes) }
                return team
            }
            print("team \(team.name) added\(quota.map { " (quota \($0))" } ?? "")")
        }
    }

    /// `dossier-server team edit NAME --quota SIZE|none`.
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a team's settings.")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The team's name.") var name: String
        @Option(help: "Most bytes the team's evidence files may take on the server (e.g. 20GiB), or 'none' for no limit.")
        var quota: QuotaOption

        func run() async throws {
            try await storeOptions.withStore(logger: adminLogger()) { [name, quota] store in
                try await store.setQuota(team: name, bytes: quota.bytes)
            }
            print("team \(name): quota \(quota)")
        }
    }

    /// `dossier-server team list [--json]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List teams: name, members, created.")

        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print one JSON array on stdout.") var json = false

        func run() async throws {
            let teams = try await storeOptions.withStore(logger: adminLogger()) { store in try await store.teams() }
            if json { return AdminOutput.json(teams.map(TeamLine.init)) }
            AdminOutput.table(["name", "members", "created", "files", "quota"], teams.map {
                [$0.name, String($0.members), AdminOutput.time($0.createdAt), ByteSize.text($0.blobBytes), $0.quota.map(ByteSize.text) ?? "none"]
            })
        }
    }
}

/// A team as `team list --json` prints it.
struct TeamLine: Encodable {
    let name: String, members: Int, createdAt: String, fileBytes: Int64, quota: Int64?

    init(_ team: TeamListing) {
        name = team.name
        members = team.members
        createdAt = AdminOutput.time(team.createdAt)
        fileBytes = team.blobBytes
        quota = team.quota
    }

    enum CodingKeys: String, CodingKey {
        case name, members, quota
        case createdAt = "created_at", fileBytes = "file_bytes"
    }
}

/// A size for `--quota` or `--max-blob`: `20GiB`, `500MB`, a number of bytes, or (for a quota) `none`.
struct QuotaOption: ExpressibleByArgument, CustomStringConvertible {
    /// The bytes; nil for `none`.
    let bytes: Int64?

    init?(argument: String) {
        if argument.lowercased() == "none" {
            bytes = nil
        } else if let size = ByteSize(argument) {
            bytes = size.bytes
        } else {
            return nil
        }
    }

    var description: String { bytes.map(ByteSize.text) ?? "none" }
}
