import Testing
@testable import DossierCore
import DossierTestSupport

/// A source that reports a toll again later (`as_of`) supersedes its own earlier figure: a rising toll counts once, at its
/// latest, on every replica; other sources' figures, and undated ones, still count.
@Suite struct RisingTollTests {
    @Test func aSourcesLaterReportSupersedesItsEarlierOne() throws {
        var alice = TestReplica("alice", replica: "r1", millis: 1_000)
        var bob = TestReplica("bob", replica: "r2", millis: 2_000)
        let incident = try alice.create(.incident, id: IDs.airport, Seed.airportFields)
        bob.receive(from: alice)
        func claim(_ killed: Int64, _ source: String, asOf: String?) -> ChangeOperation {
            .addClaim(field: "casualties", claim: CasualtyClaim(kind: "killed", low: killed, high: killed, source: source, asOf: asOf))
        }
        try alice.edit(claim(60, IDs.france24, asOf: "2021-08-26"), on: incident)
        try bob.edit(claim(170, IDs.france24, asOf: "2021-08-28"), on: incident)
        try bob.edit(claim(13, IDs.republisher, asOf: nil), on: incident)
        alice.receive(from: bob)
        bob.receive(from: alice)
        let killed = try #require(alice.dataset[incident]!.casualties("killed"))
        #expect(killed.figures.map(\.low).sorted() == [13, 170], "France 24's first report is superseded, the undated one stays")
        #expect(killed.low == 13 && killed.high == 170 && killed.disputed)
        #expect(alice.dataset == bob.dataset)
        guard case .claims(let claims)? = alice.dataset[incident]?.fields["casualties"] else { Issue.record("no claims"); return }
        #expect(claims.claims.count == 3, "superseded claims stay in the record")
    }

    @Test func anAsOfThatIsNotADateIsRefused() {
        let bad = CasualtyClaim(kind: "killed", low: 1, high: 1, source: IDs.france24, asOf: "26/08/2021")
        #expect(throws: ValidationError.self) { try ClaimSet.check(bad, field: "casualties") }
    }
}
