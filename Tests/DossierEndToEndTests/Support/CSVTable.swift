import Foundation

/// A CSV document (RFC 4180: quoted fields may hold commas, quotes and newlines) read into a header and rows.
struct CSVTable: Sendable {
    /// The column names.
    let header: [String]
    /// The data rows, each as many fields as the file has.
    let rows: [[String]]

    /// Parses `text`; the first record is the header.
    init(_ text: String) {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = text.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? characters.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                record.append(field)
                field = ""
            } else if character == "\n" || character == "\r\n" {
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else if character != "\r" {
                field.append(character)
            }
        }
        if !field.isEmpty || !record.isEmpty { records.append(record + [field]) }
        header = records.first ?? []
        rows = Array(records.dropFirst())
    }

    /// The rows as dictionaries keyed by column name.
    var dictionaries: [[String: String]] {
        rows.map { row in Dictionary(zip(header, row), uniquingKeysWith: { first, _ in first }) }
    }
}
