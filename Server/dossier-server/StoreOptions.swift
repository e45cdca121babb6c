import ArgumentParser
import DossierServer
import Foundation
import Logging

/// The `--store` option every subcommand shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The store: sqlite:PATH or postgres://USER@HOST:PORT/DATABASE. (default: $DOSSIER_STORE, else sqlite:dossier-server.sqlite)",
        valueName: "store"))
    var store: String?

    /// The store named by the flag, the environment, or the default.
    func location() throws -> StoreLocation {
        guard let text = store ?? ProcessInfo.processInfo.environment["DOSSIER_STORE"] else { return .defaultLocation }
        do {
            return try StoreLocation(text)
        } catch let error as StoreLocation.LocationError {
            throw ValidationError(error.message)
        }
    }

    /// Refuses an unreadable `--store` (or `$DOSSIER_STORE`) while parsing, with the subcommand's usage.
    func validate() throws {
        _ = try location()
    }

    /// Opens the store and runs `body` with it; store failures become one-line messages.
    func withStore<T: Sendable>(logger: Logger, _ body: @Sendable @escaping (any SyncStore) async throws -> T) async throws -> T {
        let location = try location()
        do {
            return try await location.withStore(logger: logger, body)
        } catch {
            throw report(error, at: location, logger: logger)
        }
    }

    /// Runs `body`; store failures become one-line messages.
    func reportingStoreErrors<T>(at location: StoreLocation, logger: Logger, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw report(error, at: location, logger: logger)
        }
    }

    /// Prints a store failure as one line on stderr and returns the exit code to throw.
    func report(_ error: any Error, at location: StoreLocation, logger: Logger) -> any Error {
        switch error {
        case let error as StoreError:
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            return ExitCode(1)
        case let error as ExitCode:
            return error
        default:
            logger.debug("store error", metadata: ["dossier.error": "\(String(reflecting: error))"])
            FileHandle.standardError.write(Data("error: cannot use the store at \(location): check that it exists and is reachable\n".utf8))
            return ExitCode(1)
        }
    }
}

/// The admin commands' logger: warnings and errors to stderr.
func adminLogger() -> Logger {
    var logger = Logger(label: "dossier-server")
    logger.logLevel = .warning
    return logger
}
