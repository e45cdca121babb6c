import DossierCore
import DossierReplica
import DossierTestSupport
import Testing

/// What `dossier resolve` writes: a deletion conflict becomes a delete or a restore, a field conflict a resolve
/// that supersedes every candidate, with values typed for the field.
@Suite struct ConflictResolutionTests {
    /// amina and bilal, each with the airport incident, then concurrent `edits` (one each), exchanged both ways.
    static func concurrent(_ edits: (inout TestReplica, RecordKey) throws -> Void,
                           _ other: (inout TestReplica, RecordKey) throws -> Void) throws -> (RecordState, TestReplica) {
        var amina = TestReplica("amina", replica: "laptopA")
        var bilal = TestReplica("bilal", replica: "laptopB", millis: 1_661_500_000_500)
        var fields = Seed.airportFields
        fields["location"] = ["lat": 34.56, "lon": 69.21]
        let key = try amina.create(.incident, id: IDs.airport, fields)
        bilal.receive(from: amina)
        try edits(&amina, key)
        try other(&bilal, key)
        amina.receive(from: bilal)
        return (amina.dataset[key]!, amina)
    }

    /// The number (from 1) of the candidate of `field` whose value is `value`.
    static func number(of value: JSONValue, on field: String, in state: RecordState) -> Int? {
        state.conflicts.first { $0.field == field }?.candidates.firstIndex { $0.value == value }.map { $0 + 1 }
    }

    @Test func theDeletedSideOfADeletionConflictDeletesAndTheEditedSideRestores() throws {
        var (state, amina) = try Self.concurrent({ replica, key in try replica.edit(key) { try Edit.delete($0) } },
                                                 { replica, key in try replica.edit(key) { try Edit.set("summary", to: "Abbey Gate", in: $0) } })
        #expect(state.conflicts.map(\.field) == [Conflict.deletionField])
        let deleted = try #require(Self.number(of: "deleted", on: Conflict.deletionField, in: state))
        let edited = try #require(Self.number(of: "edited", on: Conflict.deletionField, in: state))

        for choice in [ConflictChoice.pick(deleted), .value("deleted")] {
            let operation = try ConflictResolution.operation(settling: Conflict.deletionField, with: choice, in: state)
            guard case .delete(let supersedes) = operation else { Issue.record("\(choice) wrote \(operation)"); continue }
            #expect(supersedes == state.allVersions, "the deletion names everything seen")
        }
        for choice in [ConflictChoice.pick(edited), .value("edited")] {
            let operation = try ConflictResolution.operation(settling: Conflict.deletionField, with: choice, in: state)
            #expect(operation == .restore(supersedes: Set(state.liveDeletions.map(\.version))), "\(choice)")
        }
        #expect(throws: InputError.self) {
            try ConflictResolution.operation(settling: Conflict.deletionField, with: .value("keep"), in: state)
        }

        try amina.edit(state.key) { try ConflictResolution.operation(settling: Conflict.deletionField, with: .pick(deleted), in: $0) }
        state = amina.dataset[state.key]!
        #expect(state.isDeleted && state.conflicts.isEmpty)
    }

    @Test func aPickedCandidateResolvesTheFieldSupersedingEveryCandidate() throws {
        let (state, _) = try Self.concurrent({ replica, key in try replica.edit(key) { try Edit.set("place", to: "Abbey Gate", in: $0) } },
                                             { replica, key in try replica.edit(key) { try Edit.set("place", to: "Baron Hotel", in: $0) } })
        let conflict = try #require(state.conflicts.first { $0.field == "place" })
        let second = try ConflictResolution.operation(settling: "place", with: .pick(2), in: state)
        #expect(second == .resolve(field: "place", value: conflict.candidates[1].value, supersedes: Set(conflict.candidates.map(\.version))))
        let typed = try ConflictResolution.operation(settling: "place", with: .value("Kabul airport, Abbey Gate"), in: state)
        #expect(typed == .resolve(field: "place", value: "Kabul airport, Abbey Gate", supersedes: Set(conflict.candidates.map(\.version))))
    }

    @Test func aPickOutsideTheListAndAFieldWithoutConflictAreRefused() throws {
        let (state, _) = try Self.concurrent({ replica, key in try replica.edit(key) { try Edit.set("place", to: "Abbey Gate", in: $0) } },
                                             { replica, key in try replica.edit(key) { try Edit.set("place", to: "Baron Hotel", in: $0) } })
        #expect(throws: InputError("there is no candidate 3", hint: "pick 1 to 2; see 'dossier conflicts'")) {
            try ConflictResolution.operation(settling: "place", with: .pick(3), in: state)
        }
        #expect(throws: InputError.self) { try ConflictResolution.operation(settling: "place", with: .pick(0), in: state) }
        #expect(throws: Edit.Refusal(description: "date has no open conflict on this record")) {
            try ConflictResolution.operation(settling: "date", with: .value("2021-08-26"), in: state)
        }
    }

    @Test func aLocationConflictTakesANewPairAsLatLonOrAPickedCandidate() throws {
        let (state, amina) = try Self.concurrent(
            { replica, key in try replica.edit(key) { try Edit.set("location", to: ["lat": 34.5656, "lon": 69.2078], in: $0) } },
            { replica, key in try replica.edit(key) { try Edit.set("location", to: ["lat": 34.5662, "lon": 69.2105], in: $0) } })
        let conflict = try #require(state.conflicts.first { $0.field == "location" }, "concurrent coordinates open a conflict")
        let versions = Set(conflict.candidates.map(\.version))
        let typed = try ConflictResolution.operation(settling: "location", with: .value("34.5659, 69.2090"), in: state)
        #expect(typed == .resolve(field: "location", value: ["lat": 34.5659, "lon": 69.209], supersedes: versions))
        let picked = try #require(Self.number(of: ["lat": 34.5656, "lon": 69.2078], on: "location", in: state))
        #expect(try ConflictResolution.operation(settling: "location", with: .pick(picked), in: state)
                == .resolve(field: "location", value: ["lat": 34.5656, "lon": 69.2078], supersedes: versions))
        #expect(throws: InputError.self) { try ConflictResolution.operation(settling: "location", with: .value("Abbey Gate"), in: state) }

        var resolved = amina
        try resolved.edit(state.key) { try ConflictResolution.operation(settling: "location", with: .value("34.5659,69.2090"), in: $0) }
        #expect(resolved.dataset[state.key]?.conflicts.isEmpty == true)
        #expect(resolved.value(state.key, "location") == ["lat": 34.5659, "lon": 69.209])
    }

    @Test func aReviewStatusConflictIsResolvedWithTheWordTyped() throws {
        let (state, _) = try Self.concurrent({ replica, key in try replica.edit(key) { try Edit.set("review_status", to: "coded", in: $0) } },
                                             { replica, key in try replica.edit(key) { try Edit.set("review_status", to: "reviewed", in: $0) } })
        let conflict = try #require(state.conflicts.first { $0.field == "review_status" }, "concurrent review statuses open a conflict")
        #expect(try ConflictResolution.operation(settling: "review_status", with: .value("reviewed"), in: state)
                == .resolve(field: "review_status", value: "reviewed", supersedes: Set(conflict.candidates.map(\.version))))
    }
}
