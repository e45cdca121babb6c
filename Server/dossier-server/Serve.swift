import ArgumentParser
import DossierServer
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus

extension DossierServerCommand {
    /// `dossier-server serve`: runs the server until interrupted.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run the team server.")

        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "Address to listen on.") var host: String = "127.0.0.1"
        @Option(help: "Port to listen on (0 picks a free one and prints it).") var port: Int = 8080
        @Option(help: "The URL researchers reach this server at; remembered in the store for the invitations 'user add --invite' writes.")
        var publicURL: String?
        @Option(help: "TLS certificate chain (PEM); with --tls-key the server speaks HTTPS.") var tlsCert: String?
        @Option(help: "TLS private key (PEM).") var tlsKey: String?
        @Option(help: "Largest request body in bytes, after gzip.") var maxBody: Int = 16 * 1024 * 1024
        @Option(help: "Largest evidence file accepted (e.g. 2GiB, 500MB); a larger upload is refused with 413 before any byte is kept.")
        var maxBlob: QuotaOption = QuotaOption(argument: "2GiB")!
        @Option(help: ArgumentHelp(
            "A folder of this server's own for copies of whole evidence files, which downloads then read from disk "
                + "(PostgreSQL store only; PostgreSQL stays the record, and a missing copy is read from it again).",
            valueName: "folder"))
        var blobCache: String?
        @Option(help: "How far ahead of the server's clock a change may be stamped, in seconds.") var maxClockSkew: Int = 600
        @Option(help: "Log level: trace, debug, info, notice, warning, error.") var logLevel: String = "info"
        @Flag(help: "Refuse unsigned changes even from replicas without a device key (clients that do not sign, such as scripts).")
        var requireSignatures = false
        @Flag(help: "Do not serve the team's read-only web view under /.") var noWeb = false

        func validate() throws {
            guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("--tls-cert and --tls-key go together") }
            guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level '\(logLevel)'") }
            try checkServerURL(publicURL, option: "--public-url")
            guard maxBlob.bytes != nil else { throw ValidationError("--max-blob needs a size, e.g. 2GiB") }
            do {
                try storeOptions.location().checkBlobCache(blobCache)
            } catch let error as StoreLocation.LocationError {
                throw ValidationError(error.message)
            }
        }

        func run() async throws {
            var logger = Logger(label: "dossier-server")
            logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
            let metrics = ServerMetrics()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics.registry))
            var settings = ServerSettings()
            settings.host = host
            settings.port = port
            settings.maxBodyBytes = maxBody
            if let bytes = maxBlob.bytes { settings.maxBlobBytes = bytes }
            // A write past a file-size limit (ulimit -f) is then an error answered 507, not the end of the server.
            signal(SIGXFSZ, SIG_IGN)
            settings.publicURL = publicURL
            settings.maxClockSkewMillis = Int64(maxClockSkew) * 1000
            settings.requireSignatures = requireSignatures
            settings.web = !noWeb
            if let tlsCert, let tlsKey { settings.tls = (tlsCert, tlsKey) }
            let location = try storeOptions.location()
            let scheme = settings.tls == nil ? "http" : "https"
            let opened = try storeOptions.reportingStoreErrors(at: location, logger: logger) { try location.open(logger: logger, blobCache: blobCache) }
            let app = try buildApplication(opened: opened, settings: settings, metrics: metrics, logger: logger) { [settings] port in
                let line = "dossier-server listening on \(scheme)://\(settings.host):\(port) (store: \(location))\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
            do {
                try await app.runService()
            } catch let error as StoreStartupError {
                throw storeOptions.report(error.underlying, at: location, logger: logger)
            }
        }
    }
}
