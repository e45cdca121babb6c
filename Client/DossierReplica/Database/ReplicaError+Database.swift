import GRDB

extension ReplicaError {
    /// The error a SQLite failure stands for, in words and without SQL; nil for any other error.
    public init?(storage error: any Error) {
        guard let error = error as? DatabaseError else { return nil }
        self = .unwritable(reason: Self.reason(error))
    }

    /// A short reason for a SQLite result code.
    static func reason(_ error: DatabaseError) -> String {
        switch error.resultCode {
        case .SQLITE_FULL: "the disk is full"
        case .SQLITE_IOERR: "a disk input/output error (the disk may be full or failing)"
        case .SQLITE_READONLY: "the file or its folder is read-only"
        case .SQLITE_BUSY, .SQLITE_LOCKED: "another program kept it locked (is another dossier command running?)"
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: "the file or its folder cannot be opened for writing"
        case .SQLITE_NOMEM: "out of memory"
        default: error.message ?? "SQLite error \(error.resultCode.rawValue)"
        }
    }
}
