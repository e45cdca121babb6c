import Foundation

/// Where the project's built executables are: beside the test bundle, else `<repository>/.build/debug`.
public enum Binaries {
    /// The folder holding `dossier` and `dossier-server`.
    public static let folder: URL = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if FileManager.default.isExecutableFile(atPath: bundle.appendingPathComponent("dossier-server").path) { return bundle }
        let repository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repository.appendingPathComponent(".build/debug")
    }()

    /// The field client.
    public static var dossier: URL { folder.appendingPathComponent("dossier") }
    /// The team server.
    public static var server: URL { folder.appendingPathComponent("dossier-server") }
}
