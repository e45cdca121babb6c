import DossierCore

/// What a replica operation refuses, in one line with a hint, and the CLI exit code it maps to (SPEC §5).
public enum ReplicaError: Error, Equatable, CustomStringConvertible {
    /// No replica file yet.
    case notInitialised(path: String)
    /// The file is not a Dossier replica; it was not touched.
    case foreign(path: String, reason: String)
    /// The file cannot be used.
    case unusable(path: String, reason: String)
    /// `init` on a replica that already has one.
    case alreadyInitialised(path: String)
    /// No record has an id starting with this.
    case notFound(String)
    /// Several records have an id starting with this.
    case ambiguous(prefix: String, candidates: [String])
    /// The edit cannot be made (a deleted record, no open conflict, a bad value…).
    case refused(String)
    /// The server refused some changes; they stay in the outbox.
    case rejected(count: Int, first: String)
    /// An invitation or token that does not belong to this replica's account; nothing was changed.
    case otherAccount(String)
    /// A viewer tried to change a record: refused when it is made, since the server would never take it.
    case readOnly(team: String)
    /// The server no longer (or never) accepts this replica's account; nothing was lost. `sentence` says what happened.
    case account(sentence: String, hint: String)
    /// The team server's log no longer extends the one this replica verified (rewritten, reordered, dropped or forked):
    /// nothing of the sync's page was stored and the outbox is kept. `entry` is the first entry that differs.
    case historyChanged(entry: Int64, detail: String, kept: Int)
    /// A pulled change that its author's device did not sign (or signed out of its replica's chain): nothing of the
    /// sync's page was stored and the outbox is kept.
    case forgedChange(entry: Int64, change: String, reason: String, kept: Int)
    /// A relay folder with files that do not pass their checks, each named with why; nothing of it was taken.
    case relayRefused([String])
    /// The server's log cannot be checked (no signed checkpoint, another key's signature, another team's checkpoint).
    case unverifiableLog(String)
    /// SQLite could not write the file (a full disk, a read-only file, a lock held too long): its short reason.
    case unwritable(reason: String)

    public var description: String {
        switch self {
        case .notInitialised(let path): "no replica at \(path)"
        case .foreign(let path, let reason): "\(path) is not a Dossier replica: \(reason); nothing was changed"
        case .unusable(let path, let reason): "cannot use the replica \(path): \(reason)"
        case .alreadyInitialised(let path): "\(path) is already a replica"
        case .notFound(let prefix): "no record has an id starting with '\(prefix)'"
        case .ambiguous(let prefix, let candidates):
            "'\(prefix)' matches \(candidates.count > 5 ? "more than 5" : "\(candidates.count)") records: \(candidates.prefix(5).joined(separator: ", "))"
        case .refused(let reason): reason
        case .rejected(let count, let first): "\(count) change(s) not accepted by the server: \(first)"
        case .unwritable(let reason): "the replica could not be written: \(reason)"
        case .readOnly(let team): "you are a viewer of team \(team): viewers read and sync but cannot change records; nothing was recorded"
        case .account(let sentence, _): sentence
        case .otherAccount(let reason): reason
        case .historyChanged(let entry, let detail, let kept):
            "the team server's history changed since your last sync (entry \(entry)): \(detail); nothing from the server was stored in "
                + "this sync and \(kept) change(s) are kept in this replica"
        case .forgedChange(let entry, let change, let reason, let kept):
            "the team server sent a change its author's device did not sign (entry \(entry), change \(change)): \(reason); nothing from the "
                + "server was stored in this sync and \(kept) change(s) are kept in this replica"
        case .relayRefused(let problems):
            "the relay folder was refused and nothing of it was taken: " + problems.joined(separator: "; ")
        case .unverifiableLog(let reason): "the team server's history cannot be checked: \(reason); nothing from the server was stored in this sync"
        }
    }

    /// What to do about it.
    public var hint: String {
        switch self {
        case .notInitialised: "run 'dossier init --invite FILE' (or 'dossier init --server URL') first, or pass --replica PATH"
        case .foreign, .unusable: "pass --replica with the path of your Dossier replica"
        case .alreadyInitialised: "use another --replica path to start a new one"
        case .notFound: "see 'dossier list' for ids"
        case .ambiguous: "type more characters of the id"
        case .refused: "see 'dossier show ID' for the record as it stands"
        case .rejected: "the changes stay in the outbox; see 'dossier status', fix the cause, and sync again"
        case .unwritable: "check disk space and permissions, then run the command again"
        case .readOnly: "ask your team admin for the editor role, then 'dossier login --invite FILE' with the new invitation"
        case .account(_, let hint): hint
        case .relayRefused: "ask your colleague to write the folder again with 'dossier sync --to-dir PATH'"
        case .historyChanged, .unverifiableLog, .forgedChange:
            "compare 'dossier checkpoint' with a colleague's and tell your team admin; do not trust this server's history until you know why"
        case .otherAccount: "use the invitation made for this replica's user; for another user, 'dossier init --invite FILE --replica NEW_PATH'"
        }
    }

    /// The CLI exit code: 1 for user errors, 4 for rejections that need attention.
    public var exitCode: Int32 {
        switch self {
        case .rejected, .account, .historyChanged, .unverifiableLog, .forgedChange, .relayRefused: return 4
        default: break
        }
        return 1
    }
}
