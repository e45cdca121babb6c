import ArgumentParser

/// `dossier-server`: the Dossier team server and its admin commands.
@main
struct DossierServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier-server",
        abstract: "The Dossier team server: sync for field researchers' replicas.",
        discussion: """
            Every subcommand takes --store (or $DOSSIER_STORE): sqlite:PATH (the default, dossier-server.sqlite \
            in the current folder) or postgres://USER@HOST:PORT/DATABASE. Admin commands work on a store the \
            server is using.
            """,
        subcommands: [Serve.self, TeamCommand.self, UserCommand.self]
    )
}
