import Foundation

/// An export's bytes and what the user should be told about it.
public struct ExportResult: Sendable, Equatable {
    /// The exported document.
    public var data: Data
    /// Incidents left out because they have no coordinates (GeoJSON only; 0 otherwise).
    public var skippedWithoutLocation: Int
    /// One-line messages for stderr, e.g. how many incidents were left out and why.
    public var notes: [String]

    /// Creates a result.
    public init(data: Data, skippedWithoutLocation: Int = 0, notes: [String] = []) {
        self.data = data
        self.skippedWithoutLocation = skippedWithoutLocation
        self.notes = notes
    }
}
