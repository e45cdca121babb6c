import ArgumentParser
import DossierCore
import DossierReplica
import Foundation

/// Turns an error into one line on stderr ("error: what — what to do") and an exit code.
enum Failure {
    /// Prints the error and returns the exit code (SPEC §5: 1 user error, 2 usage, 3 unreachable, 4 needs attention).
    static func report(_ error: any Error, usage: (any Error) -> String, exitCode: (any Error) -> ExitCode) -> Int32 {
        let (message, code) = describe(error, usage: usage, exitCode: exitCode)
        if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
        return code
    }

    /// The message and exit code of an error; a SQLite failure reads as the replica error it stands for.
    static func describe(_ error: any Error, usage: (any Error) -> String, exitCode: (any Error) -> ExitCode) -> (String, Int32) {
        if let storage = ReplicaError(storage: error) { return describe(storage, usage: usage, exitCode: exitCode) }
        switch error {
        case let error as ReplicaError:
            return ("error: \(error) — \(error.hint)", error.exitCode)
        case let error as DossierCore.ValidationError:
            return ("error: \(error) — see --help for the field's allowed values", 1)
        case let error as Edit.Refusal:
            return ("error: \(error) — see 'dossier show ID'", 1)
        case let error as TransportError:
            return ("error: \(error)", error.exitCode)
        case let error as CLIError:
            return ("error: \(error.message) — \(error.hint)", error.code)
        default:
            let code = exitCode(error)
            if code == .success { return (usage(error), 0) }
            if code == .validationFailure { return (usage(error), 2) }
            let text = usage(error)
            return (text.isEmpty ? "error: \(error)" : text, code.rawValue)
        }
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
