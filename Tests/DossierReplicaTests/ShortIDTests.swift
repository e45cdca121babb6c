import DossierReplica
import Testing

/// Short handles: the fewest ending digits (8 at least) that tell every id apart, whether the ids differ early or late.
@Suite struct ShortIDTests {
    @Test func idsThatDifferInTheirLastEightDigitsGetEight() {
        let short = ShortID(["018bcfe5-6800-75a9-9e37-04aa976cf5b6", "018bcfe5-6800-75a9-9e37-04aa976cf5b7"])
        #expect(short.length == 8)
        #expect(short("018bcfe5-6800-75a9-9e37-04aa976cf5b6") == "976cf5b6")
    }

    @Test func idsAlikeInTheirLastEightDigitsGetAsManyAsTellThemApart() {
        let short = ShortID(["018bcfe5-6800-75a9-9e37-04aa976cf5b6", "018bcfe5-6800-75a9-9e37-05aa976cf5b6",
                             "018bcfe5-6800-75a9-9e37-14aa976cf5b6"])
        #expect(short.length == 12) // 04… and 14… differ in the twelfth digit from the end
        #expect(short("018bcfe5-6800-75a9-9e37-14aa976cf5b6") == "14aa976cf5b6")
    }

    @Test func idsAlikeInTheirLastSixteenDigitsAreStillToldApart() {
        let short = ShortID(["018bcfe5-6800-75a9-9e37-04aa976cf5b6", "018bcfe5-6800-75a8-9e37-04aa976cf5b6"])
        #expect(short.length == 17)
        #expect(short("018bcfe5-6800-75a8-9e37-04aa976cf5b6") == "89e3704aa976cf5b6")
    }

    @Test func oneOrNoIdGetsEight() {
        #expect(ShortID([String]()).length == 8)
        #expect(ShortID(["018bcfe5-6800-75a9-9e37-04aa976cf5b6"]).length == 8)
    }
}
