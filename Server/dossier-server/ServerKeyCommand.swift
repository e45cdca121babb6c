import ArgumentParser
import DossierServer

extension DossierServerCommand {
    /// `dossier-server server-key`: the identity key's public half, alone on the last line.
    struct ServerKeyCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "server-key",
            abstract: "Print the server's identity public key (made once per store), for researchers to compare with their invitation.",
            discussion: "Researchers may pass it to 'dossier init --invite FILE --server-key KEY'. The private half never leaves the store.")

        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let key = try await storeOptions.withStore(logger: adminLogger()) { store in try await store.identity().publicKey }
            print(key.description)
        }
    }
}
