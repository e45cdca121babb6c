import DossierCore
import Foundation

/// Writes a dataset in each export format: pure functions of the dataset, no I/O.
public enum Exporter {
    /// The dataset in a format, with any notes for the user.
    public static func export(_ dataset: Dataset, as format: ExportFormat) -> ExportResult {
        switch format {
        case .json:
            return ExportResult(data: CanonicalExport(dataset).data)
        case .csv:
            return ExportResult(data: ACLEDCSV.data(dataset))
        case .geojson:
            let (data, skipped) = GeoJSONExport.data(dataset)
            let notes = skipped == 0 ? [] : [
                "\(skipped) incident\(skipped == 1 ? "" : "s") left out of the GeoJSON for lack of coordinates "
                    + "(add them with: dossier incident edit ID --lat LAT --lon LON)",
            ]
            return ExportResult(data: data, skippedWithoutLocation: skipped, notes: notes)
        case .markdown:
            return ExportResult(data: Data(MarkdownReport(dataset).text.utf8))
        }
    }

    /// Just the bytes of the dataset in a format.
    public static func data(_ dataset: Dataset, as format: ExportFormat) -> Data {
        export(dataset, as: format).data
    }
}
