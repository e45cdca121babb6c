import ArgumentParser
import DossierCore
import DossierEvidence
import DossierReplica
import Foundation

/// Turns an error into what the user sees: help on stdout, else one line on stderr ("error: what — what to do"), and an exit code.
enum Failure {
    /// Where a message goes.
    enum Stream: Equatable {
        /// Requested output: help and the version.
        case stdout
        /// Errors.
        case stderr
    }

    /// What to print, where, and the exit code (SPEC §5: 0 help, 1 user error, 2 usage, 3 unreachable, 4 needs attention).
    struct Outcome: Equatable {
        /// The text, without a trailing newline; empty for nothing.
        var text: String
        /// Where it goes.
        var stream: Stream
        /// The exit code.
        var code: Int32
    }

    /// Prints the error and returns the exit code.
    static func report(_ error: any Error, arguments: [String]) -> Int32 {
        let outcome = outcome(of: error, arguments: arguments)
        if !outcome.text.isEmpty {
            let handle: FileHandle = outcome.stream == .stdout ? .standardOutput : .standardError
            handle.write(Data((outcome.text + "\n").utf8))
        }
        return outcome.code
    }

    /// What an error of the command line `arguments` shows; a SQLite failure reads as the replica error it stands for.
    static func outcome(of error: any Error, arguments: [String]) -> Outcome {
        if let storage = ReplicaError(storage: error) { return outcome(of: storage, arguments: arguments) }
        switch error {
        case let error as ReplicaError:
            return Outcome(text: "error: \(error)" + (error.hint.isEmpty ? "" : " — \(error.hint)"), stream: .stderr, code: error.exitCode)
        case let error as DossierCore.ValidationError:
            return Outcome(text: "error: \(error) — see --help for the field's allowed values", stream: .stderr, code: 1)
        case let error as Edit.Refusal:
            return Outcome(text: "error: \(error) — see 'dossier show ID'", stream: .stderr, code: 1)
        case let error as InputError:
            return Outcome(text: "error: \(error.message) — \(error.hint)", stream: .stderr, code: 1)
        case let error as TransportError:
            return Outcome(text: "error: \(error)", stream: .stderr, code: error.exitCode)
        case let error as EvidenceError:
            return Outcome(text: "error: \(error)", stream: .stderr, code: 1)
        case let error as CLIError:
            return Outcome(text: "error: \(error.message) — \(error.hint)", stream: .stderr, code: error.code)
        default:
            return parserOutcome(of: error, arguments: arguments)
        }
    }

    /// Help, the version and usage errors, as the argument parser classifies them.
    private static func parserOutcome(of error: any Error, arguments: [String]) -> Outcome {
        let code = DossierCommand.exitCode(for: error)
        if code == .success {
            return Outcome(text: DossierCommand.fullMessage(for: error), stream: .stdout, code: 0)
        }
        let message = DossierCommand.message(for: error).split(whereSeparator: \.isNewline).joined(separator: " ")
        if code == .validationFailure {
            let command = commandPath(of: arguments).joined(separator: " ")
            return Outcome(text: "error: \(message) — see '\(command) --help'", stream: .stderr, code: 2)
        }
        if error is ExitCode { return Outcome(text: "", stream: .stderr, code: code.rawValue) }
        return Outcome(text: "error: \(message.isEmpty ? "\(error)" : message)", stream: .stderr, code: code.rawValue)
    }

    /// The names of the (sub)command the arguments run, from `dossier` down: `["dossier", "incident", "add"]`.
    static func commandPath(of arguments: [String]) -> [String] {
        var command: any ParsableCommand.Type = DossierCommand.self
        var path = [DossierCommand._commandName]
        for argument in arguments {
            guard let next = command.configuration.subcommands.first(where: { $0._commandName == argument }) else { break }
            command = next
            path.append(argument)
        }
        return path
    }
}

/// A CLI-level user error with its hint and exit code.
struct CLIError: Error {
    /// What went wrong.
    var message: String
    /// What to do.
    var hint: String
    /// The exit code.
    var code: Int32 = 1
}

extension TransportError {
    /// 3 when the server cannot be reached or its answer was cut off (try again later), else 4: the server refused.
    var exitCode: Int32 {
        switch self {
        case .unreachable, .badReply: 3
        default: 4
        }
    }
}

/// A usage error (exit code 2), as opposed to DossierCore's field validation errors.
typealias UsageError = ArgumentParser.ValidationError
