import Crypto
import Foundation
import NIOSSL

/// The public-key pin of a TLS certificate, `sha256//BASE64` of its SubjectPublicKeyInfo, as libcurl's
/// `CURLOPT_PINNEDPUBLICKEY` takes it: what an invitation carries when the server serves TLS.
enum TLSPin {
    /// The pin of the first certificate in a PEM file.
    static func of(certificateFile path: String) throws -> String {
        guard let certificate = try NIOSSLCertificate.fromPEMFile(path).first else {
            throw StoreError.notFound("a certificate in \(path)")
        }
        let spki = try certificate.extractPublicKey().toSPKIBytes()
        return "sha256//" + Data(SHA256.hash(data: spki)).base64EncodedString()
    }
}
