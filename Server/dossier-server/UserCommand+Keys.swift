import ArgumentParser
import DossierCore
import DossierServer

extension DossierServerCommand.UserCommand {
    /// `dossier-server user revoke-key REPLICA|KEY`.
    struct RevokeKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke-key",
            abstract: "Revoke one device key (a lost or seized laptop): the server refuses changes it signs from now on.",
            discussion: "Changes it signed before stay valid. The user keeps their token; a new replica ('dossier init') gets a new key.")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The device's replica id or public key (ed25519:…), as 'user list --keys' shows them.") var device: String

        func run() async throws {
            let record = try await storeOptions.withStore(logger: adminLogger()) { [device] store in
                try await store.revokeDevice(device, at: systemWallClock())
            }
            print("device key of replica \(record.replica) (\(record.user), team \(record.team)) revoked after log entry "
                  + "\(record.revokedAfter ?? 0); the changes it signed up to there stay valid")
        }
    }
}

/// How `user list --keys` prints the device keys.
enum DeviceListing {
    /// Prints the devices of one team or all, as a table or JSON.
    static func print(storeOptions: StoreOptions, team: String?, json: Bool) async throws {
        let devices = try await storeOptions.withStore(logger: adminLogger()) { store in try await store.devices(team: nil) }
            .filter { team == nil || $0.team == team }
        if json { return AdminOutput.json(devices.map(DeviceLine.init)) }
        AdminOutput.table(["user", "team", "replica", "key", "bound", "revoked"], devices.map { device in
            [device.user, device.team, device.replica, device.key, AdminOutput.time(device.boundAt),
             device.revokedAt.map { "\(AdminOutput.time($0)) (after entry \(device.revokedAfter ?? 0))" } ?? "-"]
        })
    }
}

/// A device key as `user list --keys --json` prints it.
struct DeviceLine: Encodable {
    let user: String, team: String, replica: String, key: String
    let boundAt: String, revokedAt: String?, revokedAfter: Int64?

    init(_ device: DeviceRecord) {
        (user, team, replica, key) = (device.user, device.team, device.replica, device.key)
        boundAt = AdminOutput.time(device.boundAt)
        revokedAt = device.revokedAt.map(AdminOutput.time)
        revokedAfter = device.revokedAfter
    }

    enum CodingKeys: String, CodingKey {
        case user, team, replica, key
        case boundAt = "bound_at", revokedAt = "revoked_at", revokedAfter = "revoked_after"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(user, forKey: .user)
        try container.encode(team, forKey: .team)
        try container.encode(replica, forKey: .replica)
        try container.encode(key, forKey: .key)
        try container.encode(boundAt, forKey: .boundAt)
        try container.encode(revokedAt, forKey: .revokedAt)
        try container.encode(revokedAfter, forKey: .revokedAfter)
    }
}
