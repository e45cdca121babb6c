/// One sourced claim about an incident's dead or wounded: `low…high`, exact when they are equal.
public struct CasualtyClaim: Codable, Hashable, Sendable {
    /// `killed` or `wounded`.
    public var kind: String
    /// The lowest figure claimed.
    public var low: Int64
    /// The highest figure claimed (equal to `low` for an exact figure).
    public var high: Int64
    /// `exact`, `at_least` or `approx`.
    public var qualifier: String
    /// The source record the figure comes from.
    public var source: String
    /// A free note ("according to the Taliban").
    public var note: String?
    /// When the source reported the figure (YYYY[-MM[-DD]]): a source's later report supersedes its earlier one.
    public var asOf: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, low, high, qualifier, source, note
        case asOf = "as_of"
    }

    /// Creates a claim.
    public init(kind: String, low: Int64, high: Int64, qualifier: String = "exact", source: String, note: String? = nil,
                asOf: String? = nil) {
        self.kind = kind
        self.low = low
        self.high = high
        self.qualifier = qualifier
        self.source = source
        self.note = note
        self.asOf = asOf
    }
}

/// An assessment of credibility or reliability: a grade A–F and why.
public struct Assessment: Codable, Hashable, Sendable {
    /// `A` (best) to `F`.
    public var grade: String
    /// Why the grade was given.
    public var rationale: String?

    /// Creates an assessment.
    public init(grade: String, rationale: String? = nil) {
        self.grade = grade
        self.rationale = rationale
    }
}
