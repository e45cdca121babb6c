import Foundation

/// A self-signed certificate for 127.0.0.1 and localhost, made with the openssl command, and its public-key pin.
struct SelfSignedCertificate: Sendable {
    /// The certificate's PEM file.
    let certificate: String
    /// The private key's PEM file.
    let key: String
    /// `sha256//BASE64` of the certificate's public key, as libcurl's CURLOPT_PINNEDPUBLICKEY takes it.
    let pin: String

    /// Generates a key pair and certificate valid for two days in a new temporary folder.
    static func make() throws -> SelfSignedCertificate {
        let folder = try TransportScratchFolder.make()
        let certificate = folder.appendingPathComponent("cert.pem").path
        let key = folder.appendingPathComponent("key.pem").path
        _ = try shell("openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 "
                      + "-addext subjectAltName=IP:127.0.0.1,DNS:localhost -days 2 -keyout '\(key)' -out '\(certificate)'")
        let digest = try shell("openssl x509 -pubkey -noout -in '\(certificate)' | openssl pkey -pubin -outform der "
                               + "| openssl dgst -sha256 -binary | base64")
        return SelfSignedCertificate(certificate: certificate, key: key, pin: "sha256//" + digest.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Runs a shell pipeline and returns its stdout; throws when it fails.
    private static func shell(_ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "'\(command)' failed with status \(process.terminationStatus)"])
        }
        return String(decoding: data, as: UTF8.self)
    }
}
