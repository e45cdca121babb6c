import Foundation

/// A photo's or video's embedded metadata as `show` reports it: when it was taken, where, and with what.
public struct EmbeddedMetadata: Sendable, Equatable, Codable {
    /// The capture time the file carries (`DateTimeOriginal`, else `CreateDate`), as exiftool writes it.
    public var capturedAt: String?
    /// Latitude in decimal degrees, when the file carries GPS.
    public var latitude: Double?
    /// Longitude in decimal degrees.
    public var longitude: Double?
    /// The camera or phone (`Make Model`).
    public var device: String?

    /// Whether the file carries nothing of the above.
    public var isEmpty: Bool { capturedAt == nil && latitude == nil && longitude == nil && device == nil }
}

/// Phil Harvey's exiftool (Debian's libimage-exiftool-perl), run as a program: it reads embedded metadata and writes
/// copies without it. The file given is only ever read.
public enum ExifTool {
    /// Why exiftool could not do what was asked.
    public struct Failure: Error, CustomStringConvertible {
        /// The sentence for people.
        public let description: String
    }

    /// The program on `PATH`, if installed.
    static var executable: URL? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { URL(fileURLWithPath: String($0)).appendingPathComponent("exiftool") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static let notInstalled = Failure(description: "exiftool is not installed; install it (sudo apt install libimage-exiftool-perl) to read or remove embedded metadata")

    /// The capture time, GPS position and device embedded in the file at `url`.
    public static func metadata(of url: URL) throws -> EmbeddedMetadata {
        let output = try run(["-json", "-n", "-DateTimeOriginal", "-CreateDate", "-GPSLatitude", "-GPSLongitude", "-Make", "-Model", url.path])
        guard let objects = try? JSONSerialization.jsonObject(with: output) as? [[String: Any]], let tags = objects.first else {
            throw Failure(description: "exiftool's answer for \(url.lastPathComponent) could not be read")
        }
        let text = { (name: String) -> String? in (tags[name] as? String).flatMap { $0.isEmpty ? nil : $0 } }
        let device = [text("Make"), text("Model")].compactMap { $0 }.joined(separator: " ")
        return EmbeddedMetadata(capturedAt: text("DateTimeOriginal") ?? text("CreateDate"), latitude: tags["GPSLatitude"] as? Double,
                                longitude: tags["GPSLongitude"] as? Double, device: device.isEmpty ? nil : device)
    }

    /// Writes a copy of `source` at `target` with every metadata tag exiftool can remove removed; `source` is untouched.
    public static func strip(_ source: URL, to target: URL) throws {
        _ = try run(["-all=", "-o", target.path, source.path])
        guard FileManager.default.fileExists(atPath: target.path) else {
            throw Failure(description: "exiftool wrote no copy of \(source.lastPathComponent) without metadata")
        }
    }

    private static func run(_ arguments: [String]) throws -> Data {
        guard let executable else { throw notInstalled }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["-q", "-q"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let problem = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let line = problem.split(separator: "\n").first.map(String.init) ?? "exit \(process.terminationStatus)"
            throw Failure(description: "exiftool failed: \(line)")
        }
        return data
    }
}
