import DossierCore
import DossierReplica
import Testing

/// Values typed for a field (a location as `LAT,LON`) and values shown as people read them.
@Suite struct FieldTextTests {
    @Test func aLocationIsTypedAsLatLonOrJSONAndNothingElse() throws {
        let airport: JSONValue = ["lat": 34.5656, "lon": 69.2078]
        #expect(FieldText.location("34.5656,69.2078") == airport)
        #expect(FieldText.location(" 34.5656 , 69.2078 ") == airport)
        #expect(FieldText.location("-33.9, 18.4") == ["lat": -33.9, "lon": 18.4])
        for text in ["34.5656", "34.5656,69.2078,0", "Kabul airport", ",69.2", "34.5;69.2"] {
            #expect(FieldText.location(text) == nil, "'\(text)'")
        }
        #expect(try FieldText.value("34.5656,69.2078", for: "location", of: .incident) == airport)
        #expect(try FieldText.value(#"{"lat": 34.5656, "lon": 69.2078}"#, for: "location", of: .incident) == airport)
        #expect(throws: InputError.self) { try FieldText.value("Kabul airport", for: "location", of: .incident) }
        #expect(try FieldText.value("reviewed", for: "review_status", of: .incident) == "reviewed")
        #expect(try FieldText.value("34.5656,69.2078", for: "place", of: .incident) == "34.5656,69.2078", "text stays text")
        #expect(try FieldText.value("true", for: "resolved", of: .annotation) == true)
    }

    @Test func latAndLonGoTogether() throws {
        #expect(try FieldText.location(lat: nil, lon: nil) == nil)
        #expect(try FieldText.location(lat: 34.5656, lon: 69.2078) == ["lat": 34.5656, "lon": 69.2078])
        #expect(throws: InputError("--lat and --lon go together", hint: "give both, in WGS84 degrees")) {
            try FieldText.location(lat: 34.5656, lon: nil)
        }
    }

    @Test func aLocationReadsAsTheTwoNumbers() {
        #expect(FieldText.display(["lat": 34.5656, "lon": 69.2078], as: .location) == "34.5656, 69.2078")
        #expect(FieldText.display(["lat": 34, "lon": 69], field: "location", of: .incident) == "34, 69")
        #expect(FieldText.display(["lat": 34.5656, "lon": 69.2078], field: "place", of: .incident) == #"{"lat":34.5656,"lon":69.2078}"#,
                "only a location field reads as a pair")
        #expect(FieldText.display(.null, as: .location) == "—")
        #expect(FieldText.display(["airport", "evacuation"], field: "tags", of: .incident) == "airport, evacuation")
        #expect(FieldText.display("deleted", field: Conflict.deletionField, of: .incident) == "deleted")
    }

    @Test func aNewRecordNeedsItsRequiredFieldsWithoutADefault() {
        var draft = RecordDraft(.incident)
        draft.set("title", text: "Suicide attack at Kabul airport")
        draft.set("tags", elements: [])
        draft.set("summary", text: nil)
        #expect(draft.fields == ["title": "Suicide attack at Kabul airport"], "options not given set nothing")
        #expect(draft.missing == ["date", "place", "event_type"], "review_status has a default")
        #expect(RecordDraft.missing(of: .quote, given: ["text", "speaker"]) == ["source"])
        #expect(RecordDraft.missing(of: .actor, given: ["kind", "name"]).isEmpty)
    }
}
