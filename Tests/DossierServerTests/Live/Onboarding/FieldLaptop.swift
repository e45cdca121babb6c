import DossierTestSupport
import Foundation
import GRDB

/// A researcher's laptop in onboarding tests: the real `dossier` binary on its own replica file, `HOME` in a scratch folder.
struct FieldLaptop: Sendable {
    /// A short name, for messages (also the laptop's `--name`).
    let name: String
    /// The replica file (`--replica PATH`).
    let replica: URL
    /// The `HOME` the client runs with, so the default replica path is never touched.
    let home: URL

    /// A laptop whose replica and home are in `folder`; nothing is created but the home folder.
    init(_ name: String, in folder: ScratchFolder) throws {
        self.name = name
        replica = folder.file("\(name).sqlite")
        home = folder.file("\(name)-home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    /// The environment every command gets, plus `extra`.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        ["HOME": home.path].merging(extra) { _, new in new }
    }

    /// Runs `dossier ARGUMENTS --replica PATH` and returns whatever happened.
    func run(_ arguments: [String], environment extra: [String: String] = [:], timeout: TimeInterval = 60) throws -> ProcessResult {
        try ProcessRunner.run(Binaries.dossier, arguments + ["--replica", replica.path], environment: environment(extra), timeout: timeout)
    }

    /// Runs `dossier ARGUMENTS --replica PATH` and returns whatever happened.
    func run(_ arguments: String...) throws -> ProcessResult { try run(arguments) }

    /// Starts `dossier ARGUMENTS --replica PATH` in the background.
    func start(_ arguments: [String], environment extra: [String: String] = [:]) throws -> RunningCommand {
        try RunningCommand(Binaries.dossier, arguments + ["--replica", replica.path], environment: environment(extra))
    }

    /// Runs a command that must exit 0; throws with its output otherwise.
    @discardableResult
    func ok(_ arguments: String...) throws -> ProcessResult { try ok(arguments) }

    /// Runs a command that must exit 0; throws with its output otherwise.
    @discardableResult
    func ok(_ arguments: [String], environment extra: [String: String] = [:]) throws -> ProcessResult {
        let result = try run(arguments, environment: extra)
        guard result.status == 0 else { throw CommandFailed(description: "\(name): \(result)") }
        return result
    }

    /// `dossier init --invite FILE --name NAME`, which must exit 0.
    @discardableResult
    func initialise(invite: URL, extra: [String] = []) throws -> ProcessResult {
        try ok(["init", "--invite", invite.path, "--name", name] + extra)
    }

    /// `dossier status --json` as an object.
    func status() throws -> [String: Any] { try Parsed.object(ok("status", "--json")) }

    /// The number of changes waiting in the outbox (`status --json`'s "pending").
    func pending() throws -> Int {
        guard let pending = try status()["pending"] as? Int else { throw CommandFailed(description: "\(name): status --json has no pending count") }
        return pending
    }

    /// `dossier sync --json` as an object; the sync must exit 0.
    @discardableResult
    func sync() throws -> [String: Any] { try Parsed.object(ok("sync", "--json")) }

    /// `dossier list incidents --json`: every incident this replica holds.
    func incidents() throws -> [[String: Any]] { try Parsed.array(ok("list", "incidents", "--json")) }

    /// Records a seed incident with `dossier incident add` and returns the id printed on the last line.
    @discardableResult
    func add(_ incident: SeedIncident) throws -> String {
        let id = try ok(incident.arguments).lastLine
        guard id.count == 36, UUID(uuidString: id) != nil else { throw CommandFailed(description: "\(name): no id printed for \(incident.title)") }
        return id
    }

    /// The replica file's bytes, or nil when there is none.
    func bytes() -> Data? { try? Data(contentsOf: replica) }

    /// Every file in the replica's folder whose name starts with the replica file's name (the file, its -wal, -shm, -journal).
    func files() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: replica.deletingLastPathComponent().path)
            .filter { $0.hasPrefix(replica.lastPathComponent) }.sorted()
    }

    /// The replica's own settings row, read from the file (replica id, author, team, role, server, token…), as text.
    func settingsRow() throws -> [String: String] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: replica.path, configuration: configuration)
        defer { try? queue.close() }
        let row = try queue.read { try Row.fetchOne($0, sql: "SELECT * FROM replica_state") }
        guard let row else { throw CommandFailed(description: "\(name): no replica_state row in \(replica.path)") }
        var values: [String: String] = [:]
        for column in row.columnNames { values[column] = row[column].map { "\($0)" } ?? "NULL" }
        return values
    }

    /// The ids of the changes waiting in the outbox, in order, read from the replica file.
    func outboxIDs() throws -> [String] { try strings("SELECT change_id FROM outbox ORDER BY position") }

    /// The ids of every change the replica holds (made here or pulled), read from the replica file.
    func knownChangeIDs() throws -> [String] { try strings("SELECT change_id FROM changes") }

    private func strings(_ sql: String) throws -> [String] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: replica.path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { try String.fetchAll($0, sql: sql) }
    }
}

/// An incident from the seed articles (shared/seed-facts.json), as `dossier incident add` takes it.
struct SeedIncident: Sendable {
    /// The title (some in Dari or Pashto).
    let title: String
    /// YYYY, YYYY-MM or YYYY-MM-DD.
    let date: String
    /// The place as stated.
    let place: String
    /// The ACLED sub-event type.
    let subEventType: String
    /// A summary, often in the language of the title.
    let summary: String

    /// The `incident add` command line.
    var arguments: [String] {
        ["incident", "add", "--title", title, "--date", date, "--place", place, "--event-type", "Explosions/Remote violence",
         "--sub-event-type", subEventType, "--country", "AF", "--summary", summary]
    }

    /// Four incidents of seed-facts.json (I01, I03, I04, I07), two titled in Dari and Pashto.
    static let seed: [SeedIncident] = [
        SeedIncident(title: "Suicide attack at Kabul airport", date: "2021-08-26", place: "Kabul airport", subEventType: "Suicide bomb",
                     summary: "Killed 185 people, including 13 American soldiers, near a doorway of the airport."),
        SeedIncident(title: "حمله بر یک محله شیعه‌نشین کابل", date: "2022-08", place: "a Shiite neighborhood in Kabul",
                     subEventType: "Remote explosive/landmine/IED",
                     summary: "گروه تروریستی مسئولیت حمله را پذیرفت؛ هشت تن کشته و ۱۸ تن زخمی شدند."),
        SeedIncident(title: "US drone strike killing Ayman Al-Zawahiri in Kabul", date: "2022-07", place: "in the heart of the capital of Afghanistan",
                     subEventType: "Air/drone strike", summary: "Ayman Al-Zawahiri, the leader of Al-Qaeda, was killed at the end of July."),
        SeedIncident(title: "په تورا بورا کې د ټولو بمونو مور", date: "2017", place: "Tora Bora", subEventType: "Air/drone strike",
                     summary: "'mother of bombs' dropped on IS group in Tora Bora — د داعش ډلې پر ضد."),
    ]
}

/// Parsing the CLI's and the admin commands' `--json` output.
enum Parsed {
    /// Stdout as one JSON object.
    static func object(_ result: ProcessResult) throws -> [String: Any] {
        guard let object = try json(result) as? [String: Any] else { throw CommandFailed(description: "not a JSON object: \(result)") }
        return object
    }

    /// Stdout as one JSON array of objects.
    static func array(_ result: ProcessResult) throws -> [[String: Any]] {
        guard let array = try json(result) as? [[String: Any]] else { throw CommandFailed(description: "not a JSON array of objects: \(result)") }
        return array
    }

    private static func json(_ result: ProcessResult) throws -> Any {
        do {
            return try JSONSerialization.jsonObject(with: result.stdoutData, options: [.fragmentsAllowed])
        } catch {
            throw CommandFailed(description: "stdout is not JSON (\(error)): \(result)")
        }
    }
}
