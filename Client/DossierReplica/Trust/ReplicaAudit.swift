import DossierCore
import DossierTrust

/// What `dossier verify` found (SPEC §8.2).
public struct AuditReport: Codable, Sendable, Equatable {
    /// The team.
    public var team: String
    /// The checkpoint this replica holds, if any.
    public var checkpoint: Checkpoint?
    /// Log entries whose hashes were recomputed from their changes.
    public var entries = 0
    /// Signed changes verified.
    public var signed = 0
    /// Unsigned changes taken from replicas without a device key.
    public var unsigned = 0
    /// Whether the whole log was fetched from the server and checked (`--full`).
    public var full = false
    /// Each problem, naming its entry or change.
    public var problems: [String] = []

    /// True when nothing is wrong.
    public var ok: Bool { problems.isEmpty }
}

extension Replica {
    /// Checks this replica offline: the held checkpoint's signature, the log entries it verified (each hash recomputed
    /// from its stored change, the last one against the checkpoint), every stored change's signature and its replica's
    /// chain, and this replica's own waiting changes.
    public func audit() throws -> AuditReport {
        let settings = try settings()
        var report = AuditReport(team: settings.team, checkpoint: try heldCheckpoint())
        let serverKey = settings.serverKey.flatMap(SigningPublicKey.init)
        if let checkpoint = report.checkpoint, serverKey.map(checkpoint.isSigned(by:)) != true {
            report.problems.append("the checkpoint this replica holds is not signed by the server's identity key")
        }
        var signatures = SignatureCheck(bindings: try deviceBindings())
        var previousHash: LogHash? = nil
        var after: Int64 = 0
        while true {
            let entries = try database.read { store in try store.logEntries(after: after, limit: 2_000) }
            guard let last = entries.last else { break }
            for entry in entries {
                if entry.seq == 1 { previousHash = TeamLog.emptyHead }
                if entry.id.isEmpty {
                    previousHash = entry.hash
                    continue
                }
                guard let body = entry.body, let hash = entry.hash else {
                    report.problems.append("entry \(entry.seq): its change is not held here")
                    previousHash = entry.hash
                    continue
                }
                if let previousHash, TeamLog.entryHash(after: previousHash, body: Array(body.utf8)) != hash {
                    report.problems.append("entry \(entry.seq): its stored change no longer gives the hash this replica verified")
                }
                previousHash = hash
                report.entries += 1
                let change = try ReplicaJSON.decodeChange(body)
                if let problem = try signatures.problem(with: change, body: body, at: entry.seq, previous: { try self.body(of: $0) }) {
                    report.problems.append("entry \(entry.seq), change \(change.id): \(problem)")
                }
            }
            after = last.seq
        }
        if let checkpoint = report.checkpoint, checkpoint.size > 0, let held = try logHash(at: checkpoint.size), held != checkpoint.head {
            report.problems.append("entry \(checkpoint.size): the hash held here is not the checkpoint's head")
        }
        let key = try deviceKey().publicKey
        for change in try database.read({ store in try store.outboxChanges() }) where change.id.replica == settings.replica {
            if change.sig != nil, !change.isSigned(by: key) {
                report.problems.append("waiting change \(change.id): it is not signed by this replica's device key")
            }
        }
        (report.signed, report.unsigned) = (signatures.signed, signatures.unsigned)
        return report
    }

    /// Fetches the team's whole log from the server and checks it from its first entry: every page's checkpoint signed and
    /// extending the chain, every change's signature and its replica's chain, the entries this replica verified unchanged,
    /// and the end against the server's latest checkpoint. Stores nothing.
    public func audit(fullWith client: SyncClient, pageSize: Int = 1_000) throws -> AuditReport {
        var report = try audit()
        report.full = true
        let settings = try settings()
        guard let text = settings.serverKey, let serverKey = SigningPublicKey(text) else {
            report.problems.append("this replica does not know the server's identity key; sync once first")
            return report
        }
        let verifier = LogVerifier(replica: self, client: client, key: serverKey, team: settings.team)
        var signatures = SignatureCheck(bindings: Dictionary(
            try DeviceBindings.fetch(from: client, serverKey: serverKey, team: settings.team).map { ($0.replica, $0) },
            uniquingKeysWith: { first, _ in first }))
        signatures.requirePredecessor = true
        var lastBodies: [String: (counter: UInt64, body: String)] = [:]
        var held = Checkpoint.empty(team: settings.team)
        var entries = 0
        while true {
            let page = try client.pull(after: held.size, limit: pageSize)
            let checkpoint = try verifier.signed(page.checkpoint, what: "page after entry \(held.size)")
            if let mismatch = checkpoint.mismatch(extending: held, with: page.bodies) {
                let entry = try verifier.firstDifference(in: page, after: held) ?? checkpoint.size
                report.problems.append("entry \(entry): \(mismatch)")
                break
            }
            let hashes = TeamLog.extend(held.head, with: page.bodies)
            for (offset, (change, body)) in zip(try page.changes, page.bodies).enumerated() {
                let seq = held.size + Int64(offset) + 1
                if let own = try logHash(at: seq), own != hashes[offset] {
                    report.problems.append("entry \(seq): the server's log now differs from the one this replica verified")
                }
                let problem = signatures.problem(with: change, body: body, at: seq) { id in
                    lastBodies[id.replica.rawValue].flatMap { $0.counter == id.counter ? $0.body : nil }
                }
                if let problem { report.problems.append("entry \(seq), change \(change.id): \(problem)") }
                lastBodies[change.id.replica.rawValue] = (change.id.counter, body)
            }
            entries += page.bodies.count
            held = checkpoint
            guard page.more else { break }
        }
        (report.entries, report.signed, report.unsigned) = (entries, signatures.signed, signatures.unsigned)
        return report
    }
}
