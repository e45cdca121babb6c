import ArgumentParser
import DossierCore
import DossierReplica

/// `dossier checkpoint`.
struct CheckpointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "checkpoint",
        abstract: "Print the latest checkpoint of the team log this replica verified, signed by the server, to compare with colleagues.",
        discussion: "Send it over any channel; a colleague runs 'dossier verify --checkpoint FILE'. Two signed checkpoints of one size with different heads prove the server forked its history.")
    @OptionGroup var replica: ReplicaOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        guard let checkpoint = try replica.open().heldCheckpoint() else {
            throw CLIError(message: "this replica holds no checkpoint yet", hint: "run 'dossier sync' first", code: 1)
        }
        if output.json { print(CanonicalJSON.text(checkpoint)) } else { Output.json(checkpoint) }
    }
}
