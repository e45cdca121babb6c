import DossierCore
import DossierTrust
import Foundation

/// `codec`: the cost of coding one workload record on its way from push to pull, without HTTP or SQLite:
/// a change's canonical encoding and decoding, and its merged state's encoding and decoding.
enum CodecRun {
    /// Times each coding step over `n` records and prints µs per record; `--show` prints one stored state.
    static func run(n: Int, show: Bool) throws -> [String: Any] {
        var maker = Workload.maker(author: "alice")
        let changes = try Workload.creates(0..<n, maker: &maker)
        let states = changes.map { RecordState(key: $0.key).applying($0) }
        if show, let first = states.first {
            print(CanonicalJSON.text(first))
        }
        var run: [String: Any] = ["n": n]
        var bodies: [Data] = []
        run["change_encode_us"] = time(n) { bodies = changes.map { CanonicalJSON.encode($0) } }
        let decoder = JSONDecoder()
        run["change_decode_us"] = try time(n) { for body in bodies { _ = try decoder.decode(Change.self, from: body) } }
        var stored: [Data] = []
        run["state_encode_us"] = time(n) { stored = states.map { CanonicalJSON.encode($0) } }
        run["state_decode_us"] = try time(n) { for body in stored { _ = try decoder.decode(RecordState.self, from: body) } }
        var packed: [[UInt8]] = []
        run["state_pack_us"] = time(n) { packed = states.map { $0.packed() } }
        run["state_unpack_us"] = try time(n) { for bytes in packed { _ = try RecordState(packed: bytes) } }
        let key = DeviceKey.generate()
        var signed: [Change] = []
        run["change_sign_us"] = try time(n) { signed = try changes.map { try $0.signed(by: key, after: ChangeChain.start) } }
        run["change_signed_bytes_us"] = time(n) { for change in signed { _ = change.signedBytes } }
        let publicKey = key.publicKey
        run["change_verify_us"] = time(n) { for change in signed where !change.isSigned(by: publicKey) { fatalError("a signature failed") } }
        run["chain_hash_us"] = time(n) { for body in bodies { _ = ChangeChain.hash(ofBody: String(decoding: body, as: UTF8.self)) } }
        run["state_packed_bytes_mean"] = Double(packed.map(\.count).reduce(0, +)) / Double(max(n, 1))
        run["state_bytes_mean"] = Double(stored.map(\.count).reduce(0, +)) / Double(max(n, 1))
        run["change_bytes_mean"] = Double(bodies.map(\.count).reduce(0, +)) / Double(max(n, 1))
        return run
    }

    private static func time(_ n: Int, _ body: () throws -> Void) rethrows -> Double {
        let start = Stats.now()
        try body()
        return (Stats.now() - start) * 1e6 / Double(max(n, 1))
    }
}
