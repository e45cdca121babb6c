import Foundation

/// A temporary folder for one test's files, removed when the last reference to it goes.
public final class ScratchFolder: Sendable {
    /// The folder.
    public let url: URL

    /// Creates a new empty folder under the system's temporary directory, named `dossier-LABEL-…`.
    public init(_ label: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the folder.
    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(at: url) }
}
