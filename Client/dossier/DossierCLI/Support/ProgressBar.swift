import DossierCore
import DossierReplica
import Foundation

/// A progress bar on stderr, shown only on a terminal and only once a sync has run for a second.
final class ProgressBar {
    private let start = Date()
    private let enabled = isatty(STDERR_FILENO) == 1
    private var shown = false

    /// Reports progress of a phase.
    func update(_ phase: Synchronizer.Phase, _ done: Int, _ total: Int?) {
        guard enabled, Date().timeIntervalSince(start) > 1 else { return }
        shown = true
        // Files move in bytes; changes and records are counted.
        let bytes = phase == .upload || phase == .download
        let count = { (value: Int) in bytes ? ByteSize.text(Int64(value)) : String(value) }
        var line = "\r\(phase.rawValue) \(count(done))"
        if let total, total > 0 {
            let width = 30
            let filled = min(width, Int(Double(width) * Double(done) / Double(total)))
            line = "\r\(phase.rawValue) [\(String(repeating: "#", count: filled))\(String(repeating: ".", count: width - filled))] \(count(done))/\(count(total))   "
        }
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Ends the bar's line.
    func finish() {
        if shown { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
