import DossierCore
import DossierTestSupport
import Foundation

/// One researcher's laptop: a replica file driven through the real `dossier` binary with `--replica PATH`.
struct Laptop: Sendable {
    /// The user the replica belongs to (the author of its changes).
    let user: String
    /// The replica file.
    let replica: URL
    /// The `HOME` the client runs with, so the default replica path is never touched.
    let home: URL

    /// Runs `dossier ARGUMENTS --replica PATH` and returns whatever happened.
    func run(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run(Binaries.dossier, arguments + ["--replica", replica.path], environment: ["HOME": home.path])
    }

    /// Runs `dossier ARGUMENTS --replica PATH` and returns whatever happened.
    func run(_ arguments: String...) throws -> ProcessResult { try run(arguments) }

    /// Starts `dossier ARGUMENTS --replica PATH` in the background.
    func start(_ arguments: [String]) throws -> RunningCommand {
        try RunningCommand(Binaries.dossier, arguments + ["--replica", replica.path], environment: ["HOME": home.path])
    }

    /// Runs a command that must exit 0; throws with its output otherwise.
    @discardableResult
    func ok(_ arguments: String...) throws -> ProcessResult { try ok(arguments) }

    /// Runs a command that must exit 0; throws with its output otherwise.
    @discardableResult
    func ok(_ arguments: [String]) throws -> ProcessResult {
        let result = try run(arguments)
        guard result.status == 0 else { throw CommandFailed(description: "\(user): \(result)") }
        return result
    }

    /// Runs a creating command and returns the id it printed alone on its last stdout line.
    func create(_ arguments: String...) throws -> String {
        let id = try ok(arguments).lastLine
        guard Laptop.isFullID(id) else { throw CommandFailed(description: "\(user): no full id on the last line of `\(arguments.joined(separator: " "))`") }
        return id
    }

    /// Runs a read command with `--json` and parses its stdout as one JSON document.
    func json(_ arguments: String...) throws -> JSONValue {
        let result = try ok(arguments + ["--json"])
        return try JSONValue.parse(result.stdoutData, context: result.command)
    }

    /// `dossier show ID --json`: the record object.
    func show(_ id: String) throws -> JSONValue {
        try json("show", id)["record"].orThrow("show \(id) --json has no record")
    }

    /// `dossier conflicts --json`: every open conflict.
    func conflicts() throws -> [JSONValue] {
        try json("conflicts").array.orThrow("conflicts --json is not an array")
    }

    /// `dossier status --json`: the number of changes waiting in the outbox.
    func pending() throws -> Int {
        try (json("status")["pending"]?.int).orThrow("status --json has no pending count")
    }

    /// `dossier sync`, which must complete: exit 0, or 4 when the pulled changes opened new conflicts (and it says so).
    @discardableResult
    func sync() throws -> ProcessResult {
        let result = try run("sync")
        guard result.status == 0 || (result.status == 4 && result.stdout.contains("new conflict")) else {
            throw CommandFailed(description: "\(user): \(result)")
        }
        return result
    }

    /// `dossier export --format json` as bytes: the canonical export.
    func canonicalExport() throws -> Data { try ok("export", "--format", "json").stdoutData }

    /// Whether `text` is a full 36-character UUID as Dossier prints ids.
    static func isFullID(_ text: String) -> Bool {
        text.count == 36 && UUID(uuidString: text) != nil && text == text.lowercased()
    }
}

/// Syncs laptops one after the other, in the order given; each sync must exit 0.
func syncInOrder(_ laptops: [Laptop]) throws {
    for laptop in laptops { try laptop.sync() }
}

extension Optional {
    /// The value, or an error saying what was missing.
    func orThrow(_ message: String) throws -> Wrapped {
        guard let value = self else { throw CommandFailed(description: message) }
        return value
    }
}
