import DossierCore
import DossierTrust
import Foundation

extension ReplicaSettings {
    /// How to reach the server with these settings.
    public var transportOptions: TransportOptions {
        TransportOptions(baseURL: serverURL, token: token, proxy: proxy, pin: pin)
    }
}

/// Starting a replica: from an invitation with no network, or by asking the server who a token belongs to.
public enum ReplicaSetup {
    /// Creates a replica at `path` for the token's user, or fails without leaving a file behind.
    public static func initialise(path: String, options: TransportOptions, name: String,
                                  wall: @escaping WallClock = systemWallClock) throws -> (Replica, StatusReply) {
        let status = try SyncClient(options: options).status()
        var generator = SystemRandomNumberGenerator()
        let settings = ReplicaSettings(replica: ReplicaID.random(using: &generator), author: status.user, team: status.team,
                                       role: status.role, name: name, serverURL: options.baseURL, token: options.token,
                                       proxy: options.proxy, pin: options.pin, serverKey: status.serverKey)
        return (try Replica.create(path: path, settings: settings, wall: wall), status)
    }

    /// Creates a replica at `path` from a verified invitation, with no network: the account is confirmed at the first sync.
    public static func initialise(path: String, invitation: Invitation, name: String, proxy: String?,
                                  wall: @escaping WallClock = systemWallClock) throws -> Replica {
        var generator = SystemRandomNumberGenerator()
        let settings = ReplicaSettings(replica: ReplicaID.random(using: &generator), author: invitation.user, team: invitation.team,
                                       role: invitation.role, name: name, serverURL: invitation.serverURL, token: invitation.token,
                                       proxy: proxy, pin: invitation.pin, serverKey: invitation.serverKey, confirmed: false)
        return try Replica.create(path: path, settings: settings, wall: wall)
    }
}
