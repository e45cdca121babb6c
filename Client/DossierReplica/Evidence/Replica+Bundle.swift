import DossierCore
import DossierEvidence
import Foundation

/// What `exportBundle` wrote.
public struct BundleReport: Sendable {
    /// The manifest written.
    public let manifest: EvidenceBundle.Manifest
    /// How many records the bundle holds.
    public let records: Int
    /// Evidence files whose bytes are not in this replica, left out (fetch them first).
    public let missing: [String]
    /// Whether `exported` custody events were recorded (a viewer's replica cannot record them).
    public let custodyRecorded: Bool
}

extension Replica {
    /// Writes a bundle to `url`: the records named (all when `keys` is nil), their evidence and its custody as canonical
    /// JSON, the evidence files kept here, SHA256SUMS and a README for a reader without Dossier, and the manifest;
    /// then records an `exported` custody event for each file it holds.
    /// With `stripMetadata`, each photo, video or PDF kept here goes in as a copy without its embedded metadata (new
    /// evidence `derived_from` the original, which stays untouched and out of the bundle).
    public func exportBundle(_ keys: [RecordKey]?, to url: URL, stripMetadata: Bool = false) throws -> BundleReport {
        guard stripMetadata else { return try exportBundle(keys, to: url, excluding: []) }
        var copies: [String: String] = [:]
        for file in try evidenceFiles(of: keys) where evidenceFolder.contains(file.digest) {
            let mediaType = try record(RecordKey(entity: .evidence, id: file.evidence))?.fields["media_type"]?.currentValue.stringValue ?? ""
            if Self.carriesMetadata(mediaType) { copies[file.evidence] = try redactedCopy(of: RecordKey(entity: .evidence, id: file.evidence)) }
        }
        let swapped = keys?.map { key in copies[key.id].map { RecordKey(entity: .evidence, id: $0) } ?? key }
        return try exportBundle(swapped, to: url, excluding: Set(copies.keys))
    }

    private func exportBundle(_ keys: [RecordKey]?, to url: URL, excluding originals: Set<String>) throws -> BundleReport {
        let all = try dataset()
        var chosen = Dataset()
        let wanted = keys.map(Set.init)
        for state in all.records.values where !originals.contains(state.key.id) && wanted?.contains(state.key) ?? true { chosen.insert(state) }
        let targets = Set(chosen.records.keys.map(\.id))
        for state in all.records.values where state.key.entity == .evidence && !originals.contains(state.key.id)
            && !Set(Self.strings(state, "targets")).isDisjoint(with: targets) {
            chosen.insert(state)
        }
        let evidence = Set(chosen.records.values.filter { $0.key.entity == .evidence }.map(\.key.id))
        for state in all.records.values where state.key.entity == .custody && evidence.contains(Self.string(state, "evidence") ?? "") {
            chosen.insert(state)
        }
        let folder = evidenceFolder
        var files: [(evidence: String, digest: ContentDigest)] = []
        var missing: [String] = []
        for state in chosen.records.values where state.key.entity == .evidence && state.creation != nil && !state.isDeleted {
            guard let digest = Self.string(state, "sha256").flatMap(ContentDigest.init(hex:)) else { continue }
            if folder.contains(digest) { files.append((state.key.id, digest)) } else { missing.append(state.key.id) }
        }
        let records = CanonicalExport(chosen).data
        let sums = Set(files.map(\.digest)).sorted().map { "\($0.hex)  files/\($0.hex)\n" }.joined()
        let settings = try settings()
        var documents = ["records.json": records, "SHA256SUMS": Data(sums.utf8), "README.txt": Data(Self.readme.utf8)]
        if let history = try bundleHistory(of: Set(chosen.records.keys)) { documents["history.json"] = CanonicalJSON.encodePretty(history) }
        let manifest = try EvidenceBundle.write(to: url, documents: documents,
                                                digests: files.map(\.digest), from: folder, createdBy: settings.author)
        var recorded = false
        if settings.role.canPush, !files.isEmpty {
            try transaction { editor in
                var generator = SystemRandomNumberGenerator()
                for file in files {
                    try editor.recordCustody(.exported, of: file.evidence, digest: file.digest, detail: "in bundle \(url.lastPathComponent)",
                                             millis: wall(), using: &generator)
                }
            }
            recorded = true
        }
        return BundleReport(manifest: manifest, records: chosen.records.count, missing: missing.sorted(), custodyRecorded: recorded)
    }

    private static func string(_ state: RecordState, _ field: String) -> String? { state.fields[field]?.currentValue.stringValue }

    private static func strings(_ state: RecordState, _ field: String) -> [String] { state.fields[field]?.currentValue.arrayStrings ?? [] }

    private static let readme = """
        A Dossier bundle: records and the evidence files they point to, as exported by a researcher.

        records.json    every record in this bundle as canonical JSON (incidents, sources, quotes, actors,
                        annotations; "evidence" records describe each file: its SHA-256, size, media type,
                        original name, when and by whom it was captured; "custody" records are each file's
                        chain of custody: attached, uploaded, received, downloaded, exported, verified).
        files/SHA256    each evidence file, named by its SHA-256, byte for byte as it was attached.
        SHA256SUMS      the files' SHA-256s: `sha256sum -c SHA256SUMS` in the unpacked folder checks them.
        manifest.json   the SHA-256 and size of every entry of this ZIP but itself.
        history.json    the records' history, provable with only the team server's public key (server_key;
                        compare it with the one in your invitation): every change to these records as its
                        author's device signed it (Ed25519 over the change's canonical JSON without "sig"),
                        the server's signed binding of each device to its author, the server's signed
                        checkpoint of the team log, and the log from the first of these changes to the
                        checkpoint as each entry's SHA-256, so the chain replays to the signed head.
                        (Absent when the exporting replica had never synced.)

        With Dossier, `dossier verify THIS.zip` checks every entry against the manifest and the history's
        signatures and log, offline.

        """
}

extension Replica {
    /// Records a `verified` custody event for each live evidence record here whose file is among `digests` (a bundle
    /// just checked); returns how many. A viewer's replica records none.
    public func recordVerified(_ digests: Set<ContentDigest>, in bundle: String) throws -> Int {
        guard try settings().role.canPush else { return 0 }
        let matching: [(evidence: String, digest: ContentDigest)] = try dataset().records.values.compactMap { state in
            guard state.key.entity == .evidence, state.creation != nil, !state.isDeleted,
                  let digest = Self.string(state, "sha256").flatMap(ContentDigest.init(hex:)), digests.contains(digest) else { return nil }
            return (state.key.id, digest)
        }
        guard !matching.isEmpty else { return 0 }
        try transaction { editor in
            var generator = SystemRandomNumberGenerator()
            for file in matching {
                try editor.recordCustody(.verified, of: file.evidence, digest: file.digest, detail: "in bundle \(bundle)", millis: wall(), using: &generator)
            }
        }
        return matching.count
    }
}
