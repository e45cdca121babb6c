import DossierCore
import DossierEvidence
import DossierTrust
import Foundation

/// What `sync --to-dir` wrote.
public struct RelayWritten: Sendable, Codable, Equatable {
    /// Changes written, of how many replicas (this one and those it relays).
    public var changes = 0, replicas = 0
    /// Evidence files copied.
    public var files = 0
}

/// What `sync --from-dir` took.
public struct RelayTaken: Sendable, Codable, Equatable {
    /// Changes new here, merged and queued to be pushed at the next sync.
    public var changes = 0
    /// Changes this replica already had.
    public var known = 0
    /// Evidence files kept.
    public var files = 0
    /// The relay files read.
    public var read: [String] = []
}

extension Replica {
    /// The folder a relay goes in, inside the folder given (a USB stick's, say).
    static func relayFolder(in folder: URL) -> URL { folder.appendingPathComponent("dossier-relay", isDirectory: true) }

    /// Writes this replica's waiting changes (its own and those it relays), one relay file per replica that made them,
    /// with the evidence files they reference; nothing is sent anywhere.
    public func writeRelay(to folder: URL) throws -> RelayWritten {
        let settings = try settings()
        let bindings = try deviceBindings()
        let outbox = try database.read { store in try store.outboxChanges() }
        let relay = Self.relayFolder(in: folder), files = relay.appendingPathComponent("files", isDirectory: true)
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        var written = RelayWritten()
        let groups = Dictionary(grouping: outbox, by: { $0.id.replica.rawValue })
        for (replicaID, changes) in groups.sorted(by: { $0.key < $1.key }) {
            guard let binding = bindings[replicaID] else {
                throw ReplicaError.refused("replica \(replicaID)'s device key is not bound by the server yet, so a colleague could not check its "
                                           + "changes; sync once with the server first (nothing was written)")
            }
            var digests: [String] = []
            for change in changes {
                guard let file = try evidenceFile(change.key), evidenceFolder.contains(file.digest),
                      case .create = change.operation, change.entity == .evidence else { continue }
                let target = files.appendingPathComponent(file.digest.hex)
                if !FileManager.default.fileExists(atPath: target.path) {
                    try FileManager.default.copyItem(at: evidenceFolder.url(of: file.digest), to: target)
                    written.files += 1
                }
                digests.append(file.digest.hex)
            }
            let file = RelayFile(team: settings.team, replica: replicaID, binding: binding, changes: changes.map(ReplicaJSON.encode),
                                 files: digests)
            try CanonicalJSON.encode(file).write(to: relay.appendingPathComponent(file.fileName), options: .atomic)
            written.changes += changes.count
            written.replicas += 1
        }
        return written
    }

    /// Checks every relay file in the folder and, only if all pass, merges their changes that are new here and queues them
    /// to be pushed at the next sync (their authors stay theirs), keeping the evidence files that match their names. A
    /// damaged, truncated, altered or foreign file is refused with its name, and nothing of the folder is taken.
    public func takeRelay(from folder: URL) throws -> RelayTaken {
        let settings = try settings()
        guard let text = settings.serverKey, let serverKey = SigningPublicKey(text) else {
            throw ReplicaError.refused("this replica does not know its server's identity key, so it cannot check a relay; sync once first")
        }
        let relay = Self.relayFolder(in: folder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: relay.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        guard !names.isEmpty else { throw ReplicaError.refused("\(relay.path) holds no relay files ('dossier sync --to-dir' writes them)") }
        var files: [(name: String, relay: RelayFile)] = []
        var problems: [String] = []
        for name in names {
            guard let data = FileManager.default.contents(atPath: relay.appendingPathComponent(name).path),
                  let file = try? JSONDecoder().decode(RelayFile.self, from: data) else {
                problems.append("\(name): it is not a relay file (damaged or truncated)")
                continue
            }
            if let problem = file.problem(team: settings.team, serverKey: serverKey) { problems.append("\(name): \(problem)") }
            files.append((name, file))
        }
        var kept: [ContentDigest] = []
        for digest in Set(files.flatMap(\.relay.files)).sorted() where problems.isEmpty {
            let source = relay.appendingPathComponent("files").appendingPathComponent(digest)
            guard FileManager.default.fileExists(atPath: source.path) else { continue }
            let stored = try evidenceFolder.keep(fileAt: source)
            if stored.digest.hex != digest {
                if !stored.alreadyKept { evidenceFolder.discard(stored.digest) }
                problems.append("files/\(digest): its bytes do not match its name")
            } else if !stored.alreadyKept {
                kept.append(stored.digest)
            }
        }
        guard problems.isEmpty else {
            for digest in kept { evidenceFolder.discard(digest) }
            throw ReplicaError.relayRefused(problems)
        }
        var taken = RelayTaken(files: kept.count, read: names)
        try database.write { store in
            for (_, file) in files {
                let changes = try file.changes.map(ReplicaJSON.decodeChange)
                let known = try store.knownChangeIDs(among: changes)
                let new = zip(changes, file.changes).filter { !known.contains($0.0.id.description) }
                _ = try Self.merge(new.map(\.0), bodies: new.map(\.1), store)
                for (change, body) in new { try store.queueRelayed(change, body: body) }
                try store.saveDeviceBindings([file.binding])
                taken.changes += new.count
                taken.known += known.count
            }
        }
        return taken
    }
}
