import ArgumentParser
import DossierCore
import DossierReplica

/// How a command that talks to the team server waits and retries (sync, fetch, open).
struct NetworkOptions: ParsableArguments {
    @Option(help: "Seconds allowed for each request; a file transfer ends only when no byte moved for this long (a slow link such as Tor needs more).")
    var timeout: Double = 120
    @Option(help: "Seconds allowed to connect.") var connectTimeout: Double = 30
    @Option(help: "Retries after a network failure or a busy server, with backoff; a cut file transfer resumes this many times in a row without progress.")
    var retries: Int = 4

    func validate() throws {
        guard timeout > 0, connectTimeout > 0, retries >= 0 else { throw UsageError("timeouts must be positive and --retries 0 or more") }
    }

    /// The replica's connection settings with these timeouts and retries.
    func transportOptions(for replica: Replica) throws -> TransportOptions {
        var options = try replica.settings().transportOptions
        options.requestTimeout = timeout
        options.connectTimeout = connectTimeout
        options.retries = retries
        return options
    }
}

/// `--max-size 200MB`: a size as people write it.
extension ByteSize: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
