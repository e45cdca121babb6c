import Crypto
import DossierCore
import DossierReplica
import Foundation

/// `dossier demo`: a team server on a temporary store, three researchers with their own replicas, the seed
/// articles' facts, offline work that exercises every merge rule, shuffled syncs, and the proof of convergence.
public struct DemoRunner: Sendable {
    /// Seeds the sync order, so a run can be replayed.
    public var seed: UInt64
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
            await server.stop()
            return converged
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

    static func digest(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
