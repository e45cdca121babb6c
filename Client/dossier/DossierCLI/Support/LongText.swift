import Foundation

/// A long text given as a file (`--summary-file PATH`), or `-` for standard input: no "Argument list too long".
enum LongText {
    /// The file's text, UTF-8, without the newlines and spaces at its end.
    static func read(_ path: String, option: String) throws -> String {
        let data: Data?
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            data = FileManager.default.contents(atPath: path)
        }
        guard let data else { throw CLIError(message: "cannot read \(path) for \(option)", hint: "check the path and that you may read it") }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CLIError(message: "\(path) is not UTF-8 text", hint: "save the file as UTF-8 and try again")
        }
        var end = text.endIndex
        while end > text.startIndex, text[text.index(before: end)].isWhitespace { end = text.index(before: end) }
        return String(text[..<end])
    }
}
