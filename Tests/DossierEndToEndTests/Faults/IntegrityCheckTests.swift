import DossierCore
import DossierTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// SQLite's integrity check at open runs again whenever the replica may have changed since it last passed (`PATH-checked`).
@Suite struct IntegrityCheckTests {
    /// Reads leave the file and its stamp as they were, so the next command skips the check; a write makes the next one check.
    @Test func readsLeaveTheReplicaAndItsStampAloneAndAWriteRenewsTheStamp() throws {
        try TeamServer.with(users: [("amina", "editor")]) { server in
            let laptop = try server.laptop(for: "amina", name: "laptopA")
            var rng = SeededGenerator(seed: 2021)
            try laptop.importIncidents(20, label: "stamp", using: &rng)
            let id = try laptop.ok("incident", "add", "--title", "Suicide attack at Kabul airport", "--date", "2021-08-26",
                                  "--place", "Kabul airport", "--event-type", "Explosions/Remote violence").lastLine
            try laptop.ok("status") // checks, then catalogs the new records (a write)
            try laptop.ok("status") // checks the file so changed, and keeps its stamp
            let stamp = laptop.replica.path + "-checked"
            let before = try (Data(contentsOf: laptop.replica), Self.modified(laptop.replica.path), String(contentsOfFile: stamp, encoding: .utf8))
            for command in [["list", "incidents"], ["search", "airport"], ["show", id], ["status"], ["conflicts"]] {
                try laptop.ok(command)
                let after = try (Data(contentsOf: laptop.replica), Self.modified(laptop.replica.path), String(contentsOfFile: stamp, encoding: .utf8))
                #expect(after.0 == before.0 && after.1 == before.1, "`\(command.joined(separator: " "))` changed the replica")
                #expect(after.2 == before.2, "`\(command.joined(separator: " "))` renewed the stamp: it checked an unchanged file")
            }
            try laptop.ok("incident", "edit", id, "--add-tag", "checked")
            try laptop.ok("status")
            #expect(try String(contentsOfFile: stamp, encoding: .utf8) != before.2, "the stamp was not renewed after a write")
        }
    }

    /// A page damaged in place after a passing check, the modification time put back, is still refused by the next command.
    @Test func aReplicaDamagedInPlaceAfterItsLastCheckIsStillRefused() throws {
        try TeamServer.with(users: [("amina", "editor")]) { server in
            let laptop = try server.laptop(for: "amina", name: "laptopA")
            var rng = SeededGenerator(seed: 2022)
            try laptop.importIncidents(60, label: "damaged", using: &rng)
            let path = laptop.replica.path
            let root = try SQLiteFile.integer(path, "SELECT rootpage FROM sqlite_master WHERE name = 'records'")
            let pageSize = try SQLiteFile.integer(path, "PRAGMA page_size")
            try laptop.ok("status")
            try laptop.ok("status") // the stamp now describes the file as it is
            #expect(FileManager.default.fileExists(atPath: path + "-checked"))
            var before = stat()
            #expect(stat(path, &before) == 0)
            let handle = try FileHandle(forWritingTo: laptop.replica)
            try handle.seek(toOffset: UInt64((root - 1) * pageSize))
            try handle.write(contentsOf: Data((0..<pageSize).map { _ in UInt8.random(in: 0...255, using: &rng) }))
            try handle.close()
            var times = [before.st_atim, before.st_mtim] // to the nanosecond: only the change time can tell
            #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
            var after = stat()
            #expect(stat(path, &after) == 0 && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec && after.st_size == before.st_size)
            let result = try laptop.run(["status"])
            #expect(result.status == 1, "\(result)")
            #expect(result.stderr.contains("damaged"), "\(result.stderr)")
        }
    }

    private static func modified(_ path: String) throws -> Date {
        try (FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date).orThrow("no modification date for \(path)")
    }
}
