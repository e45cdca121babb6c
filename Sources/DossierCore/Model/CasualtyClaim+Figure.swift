import Foundation

extension CasualtyClaim {
    /// A figure as a researcher types and reads it: one number (`185`) or a range (`170-185`).
    public struct Figure: Hashable, Sendable, CustomStringConvertible {
        /// The lowest number.
        public var low: Int64
        /// The highest number (equal to `low` for a single number).
        public var high: Int64

        /// A figure from its bounds.
        public init(low: Int64, high: Int64) {
            self.low = low
            self.high = high
        }

        /// Parses `185`, `170-185` or `170–185` (spaces around the dash allowed); nil for anything else.
        public init?(_ text: String) {
            // The order of the bounds is left to the validator, whose error names the field.
            let parts = text.split(maxSplits: 1, omittingEmptySubsequences: false) { $0 == "-" || $0 == "–" }
            let bounds = parts.map { Int64($0.trimmingCharacters(in: .whitespaces)) }
            guard let low = bounds.first ?? nil else { return nil }
            guard bounds.count == 1 || bounds[1] != nil else { return nil }
            self.init(low: low, high: bounds.count == 2 ? bounds[1]! : low)
        }

        /// The qualifier a claim of this figure gets when none is given: `exact` for one number, `approx` for a range.
        public var defaultQualifier: String { low == high ? "exact" : "approx" }

        /// `185`, or `170–185` for a range.
        public var description: String { low == high ? "\(low)" : "\(low)–\(high)" }
    }

    /// A claim of a figure; without a qualifier, the figure's default (exact for one number, approx for a range).
    public init(kind: String, figure: Figure, qualifier: String? = nil, source: String, note: String? = nil) {
        self.init(kind: kind, low: figure.low, high: figure.high, qualifier: qualifier ?? figure.defaultQualifier,
                  source: source, note: note)
    }

    /// The claim's figure.
    public var figure: Figure { Figure(low: low, high: high) }
}
