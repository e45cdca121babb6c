import DossierServer
import Foundation

/// The real `dossier-server serve` at a log level, with everything it prints (stdout and stderr) kept in a file.
final class LoggedServer: @unchecked Sendable {
    private let process = Process()
    private let logFile: URL
    /// The port it listens on.
    private(set) var port = 0
    /// The base URL it listens on.
    var url: String { "http://127.0.0.1:\(port)" }

    /// Starts the server on a store and waits until it says where it listens.
    init(store location: StoreLocation, logLevel: String) throws {
        logFile = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-log-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let output = try FileHandle(forWritingTo: logFile)
        let store = switch location {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): url
        }
        process.executableURL = Processes.binaries.appendingPathComponent("dossier-server")
        process.arguments = ["serve", "--port", "0", "--log-level", logLevel, "--store", store]
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, process.isRunning {
            if let line = log().split(separator: "\n").first(where: { $0.hasPrefix("dossier-server listening on ") }),
               let port = line.split(separator: " ")[3].split(separator: ":").last.flatMap({ Int($0) }) {
                self.port = port
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let printed = log()
        stop()
        throw TestSetupError(message: "dossier-server did not start: \(printed)")
    }

    /// Everything the server has printed so far.
    func log() -> String {
        (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
    }

    /// Stops the server by its PID and waits for it.
    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: logFile)
    }
}
