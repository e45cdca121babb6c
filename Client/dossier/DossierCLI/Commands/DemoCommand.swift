import ArgumentParser
import DossierDemo
import Foundation

/// `dossier demo`.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo",
        abstract: "Run the main job end to end on an embedded server: three researchers, the seed articles, every merge rule, proof of convergence.")
    @Option(help: "Seed for the shuffled sync order.") var seed: UInt64 = 2021
    @Flag(help: "Leave the demo's team server running on loopback afterwards, and print its URL and a sign-in token for the team view.")
    var keep = false

    func run() async throws {
        // Written straight to the descriptor, so a reader sees each line while the kept server runs.
        var runner = DemoRunner(seed: seed) { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
        runner.keep = keep
        let converged = try await runner.run()
        if !converged { throw ExitCode(1) }
    }
}
