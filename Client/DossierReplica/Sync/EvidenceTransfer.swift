import DossierCore
import DossierEvidence
import Foundation

/// What a fetch did.
public struct FetchReport: Sendable, Equatable {
    /// Files downloaded now and checked against their hash.
    public var fetched: [EvidenceFile] = []
    /// Files that were here already.
    public var alreadyHere: [EvidenceFile] = []
    /// Files larger than `--max-size`, left on the server.
    public var tooLarge: [EvidenceFile] = []
    /// Files the server does not hold whole yet (the replica that attached them has not synced them).
    public var notOnServer: [EvidenceFile] = []

    /// Nothing fetched yet.
    public init() {}
}

/// Moves evidence files between this replica's folder and the team server: uploads before the changes that name
/// them, downloads on demand, each checked against its SHA-256 and written into the chain of custody.
public struct EvidenceTransfer: Sendable {
    let replica: Replica
    let blobs: BlobClient
    /// The server's URL, for custody details.
    let server: String

    /// A transfer for a replica over a blob client.
    public init(replica: Replica, blobs: BlobClient) {
        self.replica = replica
        self.blobs = blobs
        self.server = blobs.transport.options.trimmedBaseURL
    }

    /// Uploads each file from where the server's copy ends; `progress` gets (upload, bytes done, bytes in all).
    /// A kept copy that is gone, resized or no longer matches its hash stops the upload with nothing of it sent.
    func upload(_ files: [EvidenceFile], progress: (Synchronizer.Phase, Int, Int?) -> Void) throws -> Int {
        let folder = replica.evidenceFolder
        let total = files.reduce(Int64(0)) { $0 + $1.size }
        var before: Int64 = 0
        for file in files {
            guard folder.size(of: file.digest) == file.size else { throw EvidenceError.changedBeforeUpload(file.digest, evidence: file.evidence) }
            do {
                let done = before
                let (reply, resumedFrom) = try blobs.upload(folder.url(of: file.digest), digest: file.digest, size: file.size) {
                    progress(.upload, Int(done + $0), Int(total))
                }
                try replica.noteUploaded(file, reply: reply, resumedFrom: resumedFrom, server: server)
            } catch TransportError.server(422, "digest_mismatch", _) {
                throw EvidenceError.changedBeforeUpload(file.digest, evidence: file.evidence)
            } catch EvidenceError.changedWhileReading {
                throw EvidenceError.changedBeforeUpload(file.digest, evidence: file.evidence)
            }
            before += file.size
        }
        return files.count
    }

    /// Downloads the files not kept here (at most `maxSize` bytes each), resuming partial downloads, each checked
    /// against its hash before it is kept; `progress` gets (download, bytes done, bytes in all).
    public func fetch(_ files: [EvidenceFile], maxSize: Int64? = nil,
                      progress: (Synchronizer.Phase, Int, Int?) -> Void = { _, _, _ in }) throws -> FetchReport {
        let folder = replica.evidenceFolder
        var report = FetchReport()
        var wanted: [EvidenceFile] = []
        for file in files {
            if folder.contains(file.digest) {
                report.alreadyHere.append(file)
            } else if let maxSize, file.size > maxSize {
                report.tooLarge.append(file)
            } else {
                wanted.append(file)
            }
        }
        let total = wanted.reduce(Int64(0)) { $0 + $1.size }
        var before: Int64 = 0
        for file in wanted {
            do {
                let done = before
                let hashed = try blobs.download(file.digest, size: file.size, into: try folder.partialURL(of: file.digest)) {
                    progress(.download, Int(done + $0), Int(total))
                }
                try folder.keepDownload(file.digest, hashed: hashed)
                try replica.noteDownloaded(file, server: server)
                report.fetched.append(file)
            } catch TransportError.server(404, _, _) {
                report.notOnServer.append(file)
            }
            before += file.size
        }
        return report
    }
}
