import DossierCore
import Foundation

extension ReplicaSettings {
    /// How to reach the server with these settings.
    public var transportOptions: TransportOptions {
        TransportOptions(baseURL: serverURL, token: token, proxy: proxy, pin: pin)
    }
}

/// Starting a replica: asks the server who the token belongs to, then creates the file with that identity.
public enum ReplicaSetup {
    /// Creates a replica at `path` for the token's user, or fails without leaving a file behind.
    public static func initialise(path: String, options: TransportOptions, name: String,
                                  wall: @escaping WallClock = systemWallClock) throws -> (Replica, StatusReply) {
        let status = try SyncClient(options: options).status()
        var generator = SystemRandomNumberGenerator()
        let settings = ReplicaSettings(replica: ReplicaID.random(using: &generator), author: status.user, team: status.team,
                                       role: status.role, name: name, serverURL: options.baseURL, token: options.token,
                                       proxy: options.proxy, pin: options.pin)
        return (try Replica.create(path: path, settings: settings, wall: wall), status)
    }
}
