import Crypto
import DossierCore
import DossierReplica
import DossierTrust
import Foundation

/// `dossier demo`: a team server on a temporary store, three researchers with their own replicas, the seed
/// articles' facts, offline work that exercises every merge rule, shuffled syncs, and the proof of convergence.
public struct DemoRunner: Sendable {
    /// Seeds the sync order, so a run can be replayed.
    public var seed: UInt64
    /// Leave the server running after the proof, for a person to open the team view (`dossier demo --keep`); the run
    /// then waits until the process is stopped.
    public var keep = false
    /// Where the account goes (a line at a time).
    public var say: @Sendable (String) -> Void

    /// A runner.
    public init(seed: UInt64, say: @escaping @Sendable (String) -> Void) {
        self.seed = seed
        self.say = say
    }

    /// Runs the demo; true when every replica and the server hold byte-identical state.
    public func run() async throws -> Bool {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try DemoData.load()
        let names = ["amina", "bilal", "carla"]
        let server = try await DemoServer.start(folder: folder, team: "kabul-desk", users: names)
        say("Team server: \(server.url) (in this process, store \(folder.path)/server.sqlite); team kabul-desk; editors \(names.joined(separator: ", ")).")
        do {
            let story = try await offPool { [say, seed] in
                try DemoStory(data: data, server: server, folder: folder, names: names, seed: seed, say: say).play()
            }
            let serverExport = CanonicalExport(try await server.dataset()).data
            let converged = try await offPool { [say] in story.proveConvergence(server: serverExport, say: say) }
            let serverKey = try await server.publicKey()
            let verified = try await offPool { [say] in try story.proveIntegrity(serverKey: serverKey, say: say) }
            if keep {
                say("\n== The team view, still running on loopback (stop with Ctrl-C)")
                say("  Open \(server.url)/ and sign in as \(names[0]) with this token:")
                say("  \(server.tokens[names[0]]!)")
                // The server's service group ends on SIGTERM or SIGINT; the demo ends with it.
                await server.untilStopped()
            }
            await server.stop()
            return converged && verified
        } catch {
            await server.stop()
            throw error
        }
    }
}

/// Prints the proof: each replica's and the server's canonical export digest.
extension DemoStory {
    func proveConvergence(server: Data, say: (String) -> Void) -> Bool {
        say("\n== Proof of convergence: canonical JSON exports (sorted keys, records in key order)")
        var digests: [String] = []
        for laptop in laptops {
            let data = (try? laptop.export()) ?? Data()
            digests.append(Self.digest(data))
            say("  \(laptop.name.padding(toLength: 7, withPad: " ", startingAt: 0)) \(data.count) bytes  sha256 \(digests.last!)")
        }
        digests.append(Self.digest(server))
        say("  server  \(server.count) bytes  sha256 \(digests.last!)")
        let converged = Set(digests).count == 1
        say(converged ? "  All three replicas and the server hold byte-identical state: converged."
                      : "  NOT CONVERGED: the exports differ.")
        return converged
    }

    /// Each replica checks the whole team log from the server (every signature, every replica's chain, the log against
    /// the checkpoint it holds) and prints the checkpoint it verified; true when all verify and hold the same one.
    func proveIntegrity(serverKey: String, say: (String) -> Void) throws -> Bool {
        say("\n== Proof of integrity: signed changes and the team log (dossier verify --full, then dossier checkpoint)")
        var checkpoints: [Checkpoint] = []
        for laptop in laptops {
            let report = try laptop.verify()
            say("  \(laptop.name.padding(toLength: 7, withPad: " ", startingAt: 0)) \(report.ok ? "verified" : "NOT VERIFIED"): "
                + "\(report.entries) entries, \(report.signed) signed changes\(report.problems.first.map { "; \($0)" } ?? "")")
            if let checkpoint = report.checkpoint, report.ok { checkpoints.append(checkpoint) }
        }
        guard checkpoints.count == laptops.count, let first = checkpoints.first,
              checkpoints.allSatisfy({ $0.size == first.size && $0.head == first.head }) else {
            say("  NOT VERIFIED: the replicas do not hold one verified checkpoint.")
            return false
        }
        say("  Verified checkpoint of team \(first.team): \(first.size) entries, head \(first.head),")
        say("  signed at \(first.signedAt) by the server's identity key \(serverKey).")
        return true
    }

    static func digest(_ data: Data) -> String {
        SHA256.hash(data: data).hexText
    }
}
