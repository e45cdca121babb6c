import Logging

extension Logger {
    /// A logger that stays quiet unless something is critical, for the small servers tests run in-process.
    static let quiet: Logger = {
        var logger = Logger(label: "dossier-transport-test")
        logger.logLevel = .critical
        return logger
    }()
}
