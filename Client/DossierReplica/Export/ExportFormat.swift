/// The formats `dossier export` writes.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// The canonical JSON export: every record, byte-identical across converged replicas.
    case json
    /// One row per incident under ACLED's column names, then Dossier's own columns.
    case csv
    /// An RFC 7946 FeatureCollection of the incidents that have coordinates.
    case geojson
    /// A report for people to read.
    case markdown

    /// The usual file name extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .json: "json"
        case .csv: "csv"
        case .geojson: "geojson"
        case .markdown: "md"
        }
    }
}
