import DossierCore
import DossierTrust
import Foundation
import GRDB

extension ReplicaStore {
    /// The team's device bindings this replica has seen, by replica id.
    func deviceBindings() throws -> [String: DeviceBinding] {
        let decoder = JSONDecoder()
        var bindings: [String: DeviceBinding] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT replica, binding FROM devices") {
            if let binding = try? decoder.decode(DeviceBinding.self, from: Data((row[1] as String).utf8)) { bindings[row[0]] = binding }
        }
        return bindings
    }

    /// Keeps bindings as the server signed them, replacing older ones of the same replicas.
    func saveDeviceBindings(_ bindings: [DeviceBinding]) throws {
        let save = try db.cachedStatement(sql: "INSERT OR REPLACE INTO devices (replica, binding) VALUES (?, ?)")
        for binding in bindings { try save.execute(arguments: [binding.replica, CanonicalJSON.text(binding)]) }
    }
}
