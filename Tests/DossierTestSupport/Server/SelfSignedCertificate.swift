import Foundation

/// A self-signed certificate for 127.0.0.1 and localhost made with the openssl command, and its public-key pin computed by openssl too.
public struct SelfSignedCertificate: Sendable {
    /// The certificate's PEM file.
    public let certificate: String
    /// The private key's PEM file.
    public let key: String
    /// `sha256//` + base64 of the SHA-256 of the certificate's SubjectPublicKeyInfo (DER), as openssl computes it.
    public let pin: String
    /// The folder holding both files, removed once no copy of this value is left.
    public let folder: ScratchFolder

    /// Generates a key pair and a certificate valid for two days in a new scratch folder.
    public static func make() throws -> SelfSignedCertificate {
        let folder = try ScratchFolder("certificate")
        let certificate = folder.file("cert.pem").path
        let key = folder.file("key.pem").path
        _ = try shell("openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 "
                      + "-addext subjectAltName=IP:127.0.0.1,DNS:localhost -days 2 -keyout '\(key)' -out '\(certificate)'")
        let digest = try shell("openssl x509 -pubkey -noout -in '\(certificate)' | openssl pkey -pubin -outform der "
                               + "| openssl dgst -sha256 -binary | base64")
        return SelfSignedCertificate(certificate: certificate, key: key,
                                 pin: "sha256//" + digest.trimmingCharacters(in: .whitespacesAndNewlines), folder: folder)
    }

    /// The certificate and key as `TeamServer.start(tls:)` takes them.
    public var tls: (certificate: String, key: String) { (certificate, key) }

    /// Runs a shell pipeline with `pipefail` and returns its stdout; throws when any part fails.
    private static func shell(_ command: String) throws -> String {
        let result = try ProcessRunner.run(URL(fileURLWithPath: "/bin/bash"), ["-o", "pipefail", "-c", command])
        guard result.status == 0 else { throw CommandFailed(description: result.description) }
        return result.stdout
    }
}
