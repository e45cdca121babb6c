import DossierCore

extension CasualtyClaim {
    /// A claim as typed: a figure (`185`) or range (`170-185`), a qualifier or the figure's default, the source's full id.
    public static func typed(kind: String, figure text: String, qualifier: String?, source: String, note: String?,
                             asOf: String? = nil) throws -> CasualtyClaim {
        guard let figure = Figure(text) else {
            throw InputError("'\(text)' is not a figure", hint: "use a whole number (185) or a range (170-185)")
        }
        if let asOf, PartialDate(asOf) == nil {
            throw InputError("'\(asOf)' is not a date", hint: "give --as-of as YYYY, YYYY-MM or YYYY-MM-DD")
        }
        var claim = CasualtyClaim(kind: kind, figure: figure, qualifier: qualifier, source: source, note: note)
        claim.asOf = asOf
        return claim
    }
}
