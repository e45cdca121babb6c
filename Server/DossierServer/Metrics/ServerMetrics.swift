import DossierCore
import Prometheus

/// The server's Prometheus metrics, served as text at `/metrics`.
public struct ServerMetrics: Sendable {
    /// The registry every metric is kept in (also the one Hummingbird's request metrics use when bootstrapped).
    public let registry: PrometheusCollectorRegistry
    let accepted: Counter
    let alreadyHad: Counter
    let rejected: Counter
    let pulled: Counter

    /// Creates the metrics in a registry.
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        accepted = registry.makeCounter(name: "dossier_changes_pushed_total", labels: [("status", "accepted")])
        alreadyHad = registry.makeCounter(name: "dossier_changes_pushed_total", labels: [("status", "already_had")])
        rejected = registry.makeCounter(name: "dossier_changes_pushed_total", labels: [("status", "rejected")])
        pulled = registry.makeCounter(name: "dossier_changes_pulled_total")
    }

    /// Counts a push's receipts.
    func record(_ receipts: [Receipt]) {
        for receipt in receipts {
            switch receipt.status {
            case .accepted: accepted.increment()
            case .alreadyHad: alreadyHad.increment()
            case .rejected: rejected.increment()
            }
        }
    }

    /// The Prometheus text exposition.
    func text() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
