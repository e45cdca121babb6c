/// Derived, never stored: an incident's killed or wounded range over its claims in force.
public struct CasualtySummary: Hashable, Sendable, Codable {
    /// One figure and where it came from.
    public struct Figure: Hashable, Sendable, Codable {
        /// The lowest figure claimed.
        public var low: Int64
        /// The highest figure claimed.
        public var high: Int64
        /// `exact`, `at_least` or `approx`.
        public var qualifier: String
        /// The source record.
        public var source: String
    }

    /// The minimum of the lows.
    public var low: Int64
    /// The maximum of the highs.
    public var high: Int64
    /// True when the claims do not all say the same figure.
    public var disputed: Bool
    /// Each claim's figure with its source, in claim order.
    public var figures: [Figure]

    /// The summary of the claims of one kind (`killed` or `wounded`); nil when none is in force. A claim a source later
    /// superseded (an earlier `as_of` than another claim of the same source and kind) is history, not in force.
    public init?(kind: String, claims: ClaimSet) {
        let active = Self.current(claims.activeEntries.filter { $0.claim.kind == kind }.map(\.claim))
        guard let first = active.first else { return nil }
        low = active.map(\.low).min()!
        high = active.map(\.high).max()!
        disputed = active.contains { $0.low != first.low || $0.high != first.high }
        figures = active.map { Figure(low: $0.low, high: $0.high, qualifier: $0.qualifier, source: $0.source) }
    }

    /// The claims without those their own source reported again later: a rising toll counts once, at its latest figure.
    static func current(_ claims: [CasualtyClaim]) -> [CasualtyClaim] {
        var latest: [String: PartialDate] = [:]
        for claim in claims {
            guard let date = claim.asOf.flatMap(PartialDate.init) else { continue }
            if latest[claim.source].map({ $0 < date }) ?? true { latest[claim.source] = date }
        }
        return claims.filter { claim in
            guard let date = claim.asOf.flatMap(PartialDate.init), let newest = latest[claim.source] else { return true }
            return !(date < newest)
        }
    }

    /// As a researcher reads it: `185`, `at least 185`, or `170–185 (disputed)`.
    public var display: String {
        if disputed { return "\(low)–\(high) (disputed)" }
        let figure = low == high ? "\(low)" : "\(low)–\(high)"
        switch figures.first?.qualifier {
        case "at_least": return "at least \(figure)"
        case "approx": return "about \(figure)"
        default: return figure
        }
    }
}

extension RecordState {
    /// The derived casualty summary of one kind, from the record's claims field.
    public func casualties(_ kind: String) -> CasualtySummary? {
        guard let field = FieldRules.fields(of: key.entity, merging: .claims).first,
              case .claims(let claims)? = fields[field.name] else { return nil }
        return CasualtySummary(kind: kind, claims: claims)
    }
}
