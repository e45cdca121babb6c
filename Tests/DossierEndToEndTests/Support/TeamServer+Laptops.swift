import DossierTestSupport
import Foundation

extension TeamServer {
    /// Initialises a new replica for `user` against this server (`dossier init`), named `name`, in the server's folder.
    func laptop(for user: String, name: String) throws -> Laptop {
        guard let token = tokens[user] else { throw CommandFailed(description: "no user \(user) on this server") }
        let laptop = Laptop(user: user, replica: folder.file("\(name).sqlite"), home: folder.url)
        let result = try ProcessRunner.run(Binaries.dossier, ["init", "--server", url, "--name", name, "--replica", laptop.replica.path],
                                           environment: ["HOME": folder.url.path, "DOSSIER_TOKEN": token])
        guard result.status == 0 else { throw CommandFailed(description: "\(user): \(result)") }
        return laptop
    }

    /// The store's SQLite file (the `--store` value without `sqlite:`).
    var storePath: String { String(store.dropFirst("sqlite:".count)) }

    /// How many changes the server's log holds, and how many distinct change ids, read from the store file itself.
    func logCounts() throws -> (total: Int, distinct: Int) {
        let row = try SQLiteFile.query(storePath, "SELECT COUNT(*), COUNT(DISTINCT change_id) FROM changes").first ?? []
        guard row.count == 2, let total = row[0].flatMap({ Int($0) }), let distinct = row[1].flatMap({ Int($0) }) else {
            throw CommandFailed(description: "cannot count the changes in \(storePath): \(row)")
        }
        return (total, distinct)
    }
}
