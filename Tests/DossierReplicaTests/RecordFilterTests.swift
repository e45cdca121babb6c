import DossierCore
@testable import DossierReplica
import Testing

/// The text filters of `dossier list`: ASCII folded by its bytes, other text by Foundation, and a wanted text longer
/// than the value simply not found.
@Suite struct RecordFilterTests {
    private func entry(place: String?, tags: [String] = []) -> ListingEntry {
        ListingEntry(entity: .incident, id: "01912d6e-0000-7000-8000-000000000001", live: true, deleted: false, conflicts: 0,
                     date: "2021-08-26", label: "Suicide attack at Kabul airport", createdAt: nil, killed: nil, place: place,
                     admin1: nil, eventType: nil, subEventType: nil, reviewStatus: nil, tagList: JoinedValues(tags),
                     actorList: JoinedValues([]), sourceList: JoinedValues([]), target: nil, refList: JoinedValues([]))
    }

    @Test func placeMatchesAnyCaseAndAccentsAndALongerTextMatchesNothing() {
        var filter = RecordFilter(entity: .incident)
        for (wanted, place, expected) in [("KABUL", "Kabul airport", true), ("airport", "Kabul airport", true),
                                          ("kabul", "Kābul", true), ("Kabul airport entrance", "Kunduz", false),
                                          ("Kabul airport entrance", "Kabul", false), ("کابل", "کابل، فرودگاه", true)] {
            filter.place = wanted
            #expect(filter.matches(entry(place: place)) == expected, "\(wanted) in \(place)")
        }
    }

    @Test func tagsMatchWholeAnyCase() {
        var filter = RecordFilter(entity: .incident)
        filter.tag = "AIRPORT"
        #expect(filter.matches(entry(place: nil, tags: ["bench", "airport"])))
        #expect(!filter.matches(entry(place: nil, tags: ["airports"])))
    }
}
