import DossierCore
import DossierTrust
import Foundation

extension Replica {
    /// Puts a verified invitation's token on this replica (`dossier login --invite`), keeping its id, author, outbox and
    /// history; refuses, changing nothing, an invitation for another user or team, or from another server's key.
    public func login(invitation: Invitation) throws {
        let settings = try settings()
        guard invitation.user == settings.author, invitation.team == settings.team else {
            throw ReplicaError.otherAccount("the invitation is for \(invitation.user) of team \(invitation.team), but this replica belongs to "
                + "\(settings.author) of team \(settings.team); nothing was changed")
        }
        if let known = settings.serverKey, known != invitation.serverKey {
            throw ReplicaError.otherAccount("the invitation was signed by another server (\(invitation.serverKey)) than the one this replica "
                + "syncs with (\(known)); nothing was changed")
        }
        try update { settings in
            settings.token = invitation.token
            settings.serverURL = invitation.serverURL
            settings.role = invitation.role
            settings.pin = invitation.pin ?? settings.pin
            settings.serverKey = invitation.serverKey
            settings.confirmed = false
        }
    }

    /// Puts a new token on this replica (`dossier login --token-file`); the next sync confirms whose it is.
    public func login(token: String) throws {
        try update { settings in
            settings.token = token
            settings.confirmed = false
        }
    }

    /// Checks the server's answer to `/v1/status` against the account this replica was made for, then marks it confirmed:
    /// another user or team, or another identity key than the invitation's, is refused with nothing sent.
    func confirmAccount(_ status: StatusReply) throws {
        let settings = try settings()
        let pending = try pendingCount()
        guard status.user == settings.author, status.team == settings.team else {
            throw ReplicaError.account(
                sentence: "the server knows this token as \(status.user) of team \(status.team), but this replica writes as "
                    + "\(settings.author) of team \(settings.team); nothing was sent and \(pending) change(s) are kept in this replica",
                hint: "ask your team admin for your own invitation, then run `dossier login --invite FILE`")
        }
        if let known = settings.serverKey, let presented = status.serverKey, known != presented {
            throw ReplicaError.account(
                sentence: "the server at \(settings.serverURL) holds another identity key (\(presented)) than the one that invited you "
                    + "(\(known)); nothing was sent and \(pending) change(s) are kept in this replica",
                hint: "check the server address with your team admin ('dossier-server server-key' prints its key)")
        }
        if settings.confirmed, settings.serverKey != nil, settings.role == status.role { return }
        try update { settings in
            settings.confirmed = true
            settings.role = status.role
            if settings.serverKey == nil { settings.serverKey = status.serverKey }
        }
    }

    /// The sentence for a server that refuses this replica's token (revoked, replaced, or an invitation that expired before
    /// its first use), saying that nothing was lost; nil for any other failure.
    public func accountRefusal(_ error: TransportError) -> ReplicaError? {
        guard case .server(401, let code, _) = error, let settings = try? settings() else { return nil }
        let kept = "\((try? pendingCount()) ?? 0) changes are kept in this replica"
        let next = "ask your team admin for a new invitation, then run `dossier login --invite FILE`"
        switch code {
        case "revoked":
            return .account(sentence: "your access to team \(settings.team) was revoked; \(kept); \(next)", hint: "")
        case "token_replaced":
            return .account(sentence: "your token for team \(settings.team) was replaced by a newer one; \(kept); "
                            + "run `dossier login --invite FILE` with your newest invitation", hint: "")
        case "invitation_expired":
            return .account(sentence: "your invitation to team \(settings.team) expired before this replica first reached the server; "
                            + "\(kept); \(next)", hint: "")
        default:
            return .account(sentence: "the server does not accept this replica's token for \(settings.author) of team \(settings.team); "
                            + "\(kept); \(next)", hint: "")
        }
    }
}
