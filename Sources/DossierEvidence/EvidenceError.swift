import Foundation

/// Why a file could not be taken in or given back, in a sentence that says what to do.
public enum EvidenceError: Error, Equatable, CustomStringConvertible {
    /// The file cannot be opened for reading.
    case unreadable(String)
    /// The path is a folder or another kind of non-file.
    case notAFile(String)
    /// The file's size changed while it was read (it was being written to).
    case changedWhileReading(String)
    /// Kept bytes no longer hash to their name.
    case damaged(ContentDigest)
    /// The folder that keeps the files cannot be made or written.
    case folderUnusable(String, reason: String)
    /// A bundle would replace an existing file.
    case bundleExists(String)
    /// A bundle cannot be written there.
    case bundleUnwritable(String)
    /// The file is not a Dossier bundle (not a ZIP, or no readable manifest).
    case notABundle(String)
    /// A download brought more bytes than the file has.
    case tooLong
    /// Downloaded bytes do not hash to the name they were asked for.
    case downloadMismatch(ContentDigest)
    /// An attached file's kept copy is gone or changed before it was uploaded.
    case changedBeforeUpload(ContentDigest, evidence: String)

    /// The sentence shown to the researcher.
    public var description: String {
        switch self {
        case .unreadable(let path): "\(path) cannot be read; check that it exists and that you may read it"
        case .notAFile(let path): "\(path) is not a regular file; attach files, not folders or devices"
        case .changedWhileReading(let path):
            "\(path) changed while it was being read (another program is writing it); nothing was kept — wait until it is complete and attach it again"
        case .damaged(let digest): "the kept copy of \(digest.hex.prefix(12))… no longer matches its SHA-256; fetch it again or restore it from a backup"
        case .folderUnusable(let path, let reason): "the evidence folder \(path) cannot be used: \(reason)"
        case .bundleExists(let path): "\(path) exists already; a bundle never replaces a file — choose another name"
        case .bundleUnwritable(let path): "\(path) cannot be written; check that its folder exists and is writable"
        case .notABundle(let path): "\(path) is not a Dossier bundle (not a ZIP, or no readable manifest.json)"
        case .tooLong: "the server sent more bytes than the file has; nothing was kept — fetch again, and tell the operator if it persists"
        case .downloadMismatch(let digest):
            "the bytes the server sent do not hash to \(digest.hex.prefix(12))…; nothing was kept — fetch again, and tell the operator if it persists"
        case .changedBeforeUpload(let digest, let evidence):
            "the kept copy of evidence \(evidence) (\(digest.hex.prefix(12))…) was changed or removed after it was attached; nothing of it was sent and its change stays in the outbox — put the original file back with 'dossier attach' or delete the evidence record"
        }
    }
}
