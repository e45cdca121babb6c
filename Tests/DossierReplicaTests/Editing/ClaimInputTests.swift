import DossierCore
import DossierReplica
import DossierTestSupport
import Testing

/// How a typed casualty figure becomes a claim, and how a record's claims are read back as typed values.
@Suite struct ClaimInputTests {
    @Test func aFigureIsOneNumberOrARangeAndNothingElse() {
        #expect(CasualtyClaim.Figure("185") == CasualtyClaim.Figure(low: 185, high: 185))
        #expect(CasualtyClaim.Figure("170-185") == CasualtyClaim.Figure(low: 170, high: 185))
        #expect(CasualtyClaim.Figure(" 170 – 185 ") == CasualtyClaim.Figure(low: 170, high: 185), "the en dash show prints")
        #expect(CasualtyClaim.Figure("185-170") == CasualtyClaim.Figure(low: 185, high: 170), "the order is the validator's to refuse")
        for text in ["", "many", "-5", "170-", "-", "1-2-3", "12.5", "185 killed"] {
            #expect(CasualtyClaim.Figure(text) == nil, "'\(text)'")
        }
        #expect(CasualtyClaim.Figure(low: 185, high: 185).description == "185")
        #expect(CasualtyClaim.Figure(low: 170, high: 185).description == "170–185")
    }

    @Test func theQualifierDefaultsToExactForANumberAndApproxForARange() throws {
        let exact = try CasualtyClaim.typed(kind: "killed", figure: "185", qualifier: nil, source: IDs.france24, note: nil)
        #expect(exact == CasualtyClaim(kind: "killed", low: 185, high: 185, qualifier: "exact", source: IDs.france24))
        let range = try CasualtyClaim.typed(kind: "wounded", figure: "150-200", qualifier: nil, source: IDs.france24, note: "UN figure")
        #expect(range == CasualtyClaim(kind: "wounded", low: 150, high: 200, qualifier: "approx", source: IDs.france24, note: "UN figure"))
        let given = try CasualtyClaim.typed(kind: "killed", figure: "170", qualifier: "at_least", source: IDs.france24, note: nil)
        #expect(given.qualifier == "at_least")
        #expect(throws: InputError("'many' is not a figure", hint: "use a whole number (185) or a range (170-185)")) {
            try CasualtyClaim.typed(kind: "killed", figure: "many", qualifier: nil, source: IDs.france24, note: nil)
        }
    }

    @Test func claimLinesAreTheTypedClaimsInIdOrderWithTheirRetraction() throws {
        var amina = TestReplica("amina", replica: "laptopA")
        let key = try amina.create(.incident, id: IDs.airport, Seed.airportFields)
        let first = try amina.edit(key) { try Edit.addClaim(CasualtyClaim(kind: "killed", low: 185, high: 185, source: IDs.france24), in: $0) }
        let second = try amina.edit(key) {
            try Edit.addClaim(CasualtyClaim(kind: "killed", low: 170, high: 185, qualifier: "approx", source: IDs.republisher, note: "early"), in: $0)
        }
        try amina.edit(key) { try Edit.retract(second.version, in: $0) }

        let lines = amina.dataset[key]!.claimLines
        #expect(lines == [
            ClaimLine(id: first.version, claim: CasualtyClaim(kind: "killed", low: 185, high: 185, source: IDs.france24),
                      author: "amina", retracted: false),
            ClaimLine(id: second.version, claim: CasualtyClaim(kind: "killed", low: 170, high: 185, qualifier: "approx",
                                                               source: IDs.republisher, note: "early"),
                      author: "amina", retracted: true),
        ])
        #expect(amina.dataset[key]!.casualties("killed")?.display == "185", "the retracted claim is out of the summary")
        #expect(RecordState(key: key).claimLines.isEmpty)
    }
}
