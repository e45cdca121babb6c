import ArgumentParser
import DossierDemo
import Foundation

/// `dossier demo`.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo",
        abstract: "Run the main job end to end on an embedded server: three researchers, the seed articles, every merge rule, proof of convergence.")
    @Option(help: "Seed for the shuffled sync order.") var seed: UInt64 = 2021

    func run() async throws {
        let converged = try await DemoRunner(seed: seed) { line in print(line) }.run()
        if !converged { throw ExitCode(1) }
    }
}
