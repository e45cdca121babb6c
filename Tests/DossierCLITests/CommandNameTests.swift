import ArgumentParser
@testable import DossierCLI
import Testing

/// Every command names itself: without a `commandName`, ArgumentParser derives the name from the type with
/// `String(describing:)`, a scan of every protocol conformance in the binary, at every start of `dossier`.
@Suite struct CommandNameTests {
    @Test func everySubcommandHasAnExplicitName() {
        var unnamed: [String] = []
        var pending: [any ParsableCommand.Type] = DossierCommand.configuration.subcommands
        while let command = pending.popLast() {
            if command.configuration.commandName == nil { unnamed.append(String(reflecting: command)) }
            pending += command.configuration.subcommands
        }
        #expect(unnamed.isEmpty, "commands without a commandName: \(unnamed)")
    }
}
