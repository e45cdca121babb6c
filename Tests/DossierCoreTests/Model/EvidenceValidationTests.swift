import Testing
@testable import DossierCore
import DossierTestSupport

/// An evidence record's fields: a digest, a byte count and a capture moment are checked, like every other field.
@Suite struct EvidenceValidationTests {
    static let digest = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    static let photo: [String: JSONValue] = ["sha256": .string(digest), "size": .double(3_145_728), "media_type": "image/jpeg",
                                             "original_name": "abbey-gate.jpg", "kind": "photo", "captured_at": "2021-08-26T17:48:00+04:30",
                                             "targets": .array([.string(IDs.airport)])]

    private func error(_ fields: [String: JSONValue]) -> ValidationError? {
        let replica = ReplicaID("r1")!
        let change = Change(id: ChangeID(replica: replica, counter: 1), version: HLC(millis: 1, counter: 0, replica: replica),
                            author: "amina", entity: .evidence, record: "01912d6e-0000-7000-8000-0000000000e0", operation: .create(fields: fields))
        do { try Validator.validate(change); return nil } catch { return error as? ValidationError }
    }

    @Test func aPhotoWithItsDigestSizeAndCaptureTimePasses() {
        #expect(error(Self.photo) == nil)
    }

    @Test func theDigestMustBeSixtyFourLowercaseHexDigits() {
        for bad in [String(Self.digest.dropLast()), Self.digest.uppercased(), "../" + Self.digest.dropFirst(3), ""] {
            var fields = Self.photo
            fields["sha256"] = .string(bad)
            #expect(error(fields)?.field == "sha256", "\(bad)")
        }
        var derived = Self.photo
        derived["derived_from"] = "not a digest"
        #expect(error(derived)?.field == "derived_from")
    }

    @Test func theSizeIsAWholeNumberOfBytes() {
        for bad: JSONValue in [.double(-1), .double(1.5), "3 MB"] {
            var fields = Self.photo
            fields["size"] = bad
            #expect(error(fields)?.field == "size", "\(bad)")
        }
    }

    @Test func theCaptureMomentIsAPartialDateOrAnRFC3339Time() {
        for good in ["2021", "2021-08-26", "2021-08-26T17:48:00Z", "2021-08-26T17:48:00.250Z", "2021-08-26T22:18:00+04:30"] {
            var fields = Self.photo
            fields["captured_at"] = .string(good)
            #expect(error(fields) == nil, "\(good)")
        }
        for bad in ["yesterday", "2021-08-26 17:48", "2021-13-01T00:00:00Z", "26/08/2021"] {
            var fields = Self.photo
            fields["captured_at"] = .string(bad)
            #expect(error(fields)?.field == "captured_at", "\(bad)")
        }
    }

    @Test func theKindIsOneOfTheEvidenceKinds() {
        var fields = Self.photo
        fields["kind"] = "screenshot"
        #expect(error(fields)?.field == "kind")
        #expect(Vocabulary.evidenceKinds == ["photo", "video", "audio", "document", "web_capture", "other"])
    }
}

/// Custody events only accumulate: their fields are immutable and the record cannot be deleted or restored.
@Suite struct CustodyValidationTests {
    @Test func aCustodyEventCannotBeDeletedOrRestoredButAnEvidenceRecordCan() {
        let replica = ReplicaID("r1")!
        func change(_ entity: EntityKind, _ operation: ChangeOperation) -> Change {
            Change(id: ChangeID(replica: replica, counter: 1), version: HLC(millis: 1, counter: 0, replica: replica),
                   author: "amina", entity: entity, record: "01912d6e-0000-7000-8000-0000000000e1", operation: operation)
        }
        #expect(throws: ValidationError.self) { try Validator.validate(change(.custody, .delete(supersedes: []))) }
        #expect(throws: ValidationError.self) { try Validator.validate(change(.custody, .restore(supersedes: []))) }
        #expect(throws: Never.self) { try Validator.validate(change(.evidence, .delete(supersedes: []))) }
        #expect(FieldRules.fields(of: .custody).allSatisfy { $0.merge == .immutable })
    }
}
