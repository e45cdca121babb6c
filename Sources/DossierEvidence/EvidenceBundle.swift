import Foundation
import ZIPFoundation

/// A bundle: one ZIP a reader without Dossier can open and anyone can check offline. It holds documents (the records
/// as canonical JSON, the custody events, a README) and evidence files under `files/SHA256`, and `manifest.json` with
/// every other entry's SHA-256 and size.
public enum EvidenceBundle {
    /// The manifest's format name.
    public static let format = "dossier-bundle-1"

    /// `manifest.json`: what the bundle holds, each entry with its SHA-256 and size.
    public struct Manifest: Codable, Sendable, Equatable {
        /// The format name (`dossier-bundle-1`).
        public var format: String
        /// When the bundle was written, ISO 8601 UTC.
        public var createdAt: String
        /// Who wrote it.
        public var createdBy: String
        /// Every entry but the manifest itself, in path order.
        public var entries: [Entry]

        /// One entry of the bundle.
        public struct Entry: Codable, Sendable, Equatable {
            /// Its path in the ZIP.
            public var path: String
            /// Its SHA-256.
            public var sha256: String
            /// Its size in bytes.
            public var size: Int64
        }

        enum CodingKeys: String, CodingKey {
            case format, entries
            case createdAt = "created_at"
            case createdBy = "created_by"
        }
    }

    /// Writes a bundle to `url` (replacing nothing: the file must not exist): `documents` by path, the kept files of
    /// `digests` from `folder` as `files/SHA256`, and the manifest. Returns the manifest.
    @discardableResult
    public static func write(to url: URL, documents: [String: Data], digests: [ContentDigest], from folder: EvidenceFolder,
                             createdBy: String, at date: Date = Date()) throws -> Manifest {
        guard !FileManager.default.fileExists(atPath: url.path) else { throw EvidenceError.bundleExists(url.path) }
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .create) } catch { throw EvidenceError.bundleUnwritable(url.path) }
        var entries: [Manifest.Entry] = []
        do {
            for (path, data) in documents.sorted(by: { $0.key < $1.key }) {
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
                entries.append(Manifest.Entry(path: path, sha256: ContentDigest.of(data).hex, size: Int64(data.count)))
            }
            for digest in Set(digests).sorted() {
                try folder.check(digest)
                let source = folder.url(of: digest)
                let size = (try FileManager.default.attributesOfItem(atPath: source.path)[.size] as? NSNumber)?.int64Value ?? 0
                try archive.addEntry(with: "files/" + digest.hex, fileURL: source, compressionMethod: .none)
                entries.append(Manifest.Entry(path: "files/" + digest.hex, sha256: digest.hex, size: size))
            }
            let manifest = Manifest(format: format, createdAt: ISO8601DateFormatter().string(from: date), createdBy: createdBy,
                                    entries: entries.sorted { $0.path < $1.path })
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(manifest)
            try archive.addEntry(with: "manifest.json", type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
            return manifest
        } catch {
            try? FileManager.default.removeItem(at: url)
            throw error
        }
    }

    /// Checks a bundle offline: every entry the manifest lists is present with its SHA-256 and size, and nothing else
    /// is in the ZIP. Returns one sentence per problem (none for a sound bundle); throws when it is not a bundle at all.
    public static func verify(_ url: URL) throws -> (manifest: Manifest, problems: [String]) {
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch { throw EvidenceError.notABundle(url.path) }
        guard let manifestEntry = archive["manifest.json"], let manifest = try? JSONDecoder().decode(Manifest.self, from: read(manifestEntry, of: archive)),
              manifest.format == format else { throw EvidenceError.notABundle(url.path) }
        var problems: [String] = []
        let listed = Set(manifest.entries.map(\.path))
        for entry in manifest.entries {
            guard let found = archive[entry.path] else {
                problems.append("\(entry.path) is missing")
                continue
            }
            guard let (digest, size) = try? hash(found, of: archive) else {
                problems.append("\(entry.path) cannot be read (damaged ZIP data)")
                continue
            }
            if digest.hex != entry.sha256 || size != entry.size {
                problems.append("\(entry.path) does not match its SHA-256 in the manifest")
            }
        }
        for entry in archive where entry.type == .file && entry.path != "manifest.json" && !listed.contains(entry.path) {
            problems.append("\(entry.path) is not in the manifest")
        }
        return (manifest, problems)
    }

    /// A document of the bundle (such as `history.json`), or nil when it has none of that name.
    public static func document(_ name: String, in url: URL) throws -> Data? {
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch { throw EvidenceError.notABundle(url.path) }
        return try archive[name].map { try read($0, of: archive) }
    }

    private static func hash(_ entry: Entry, of archive: Archive) throws -> (ContentDigest, Int64) {
        var hasher = ContentHasher()
        _ = try archive.extract(entry, skipCRC32: true) { hasher.update($0) }
        return (hasher.finalize(), hasher.count)
    }

    private static func read(_ entry: Entry, of archive: Archive) throws -> Data {
        var data = Data()
        _ = try archive.extract(entry, skipCRC32: true) { data.append($0) }
        return data
    }
}
