import DossierCore
import DossierTestSupport
import DossierTrust
import Foundation
import Testing

/// A change's signature covers every byte of its canonical JSON but `sig`, and its place in its replica's chain.
@Suite struct ChangeSigningTests {
    @Test func aSignatureVerifiesOnlyForTheUnalteredChangeAndItsKey() throws {
        var amina = Researcher("amina", replica: "laptop1")
        var chain = SignedChain()
        let signed = try chain.sign([try amina.incident("حمله در میدان هوایی کابل\u{200C}"), try amina.incident()])
        let key = chain.key.publicKey
        #expect(signed.allSatisfy { $0.isSigned(by: key) })
        #expect(signed[0].prev == ChangeChain.start && signed[1].prev == ChangeChain.hash(ofBody: CanonicalJSON.text(signed[0])))
        #expect(!signed[0].isSigned(by: DeviceKey.generate().publicKey), "another device's key")

        var alterations: [Change] = []
        var replayed = signed[1]; replayed.id = ChangeID(replica: replayed.id.replica, counter: 7); alterations.append(replayed)
        var author = signed[1]; author.author = "bilal"; alterations.append(author)
        var record = signed[1]; record.record = amina.newID(); alterations.append(record)
        var prev = signed[1]; prev.prev = ChangeChain.start; alterations.append(prev)
        var unsigned = signed[1]; unsigned.sig = nil; alterations.append(unsigned)
        var garbage = signed[1]; garbage.sig = "not base64"; alterations.append(garbage)
        for altered in alterations { #expect(!altered.isSigned(by: key), "\(CanonicalJSON.text(altered))") }
    }

    @Test func aBindingNamesTheAuthorAndStopsAfterItsRevocation() throws {
        let server = ServerIdentity.generate()
        var amina = Researcher("amina", replica: "laptop1")
        var chain = SignedChain()
        let change = try chain.sign([try amina.incident()])[0]
        var binding = try DeviceBinding(team: "kabul", user: "amina", replica: "laptop1", key: chain.key.publicKey.description,
                                        boundAt: "2026-11-30T10:00:00Z", revokedAfter: 5).signed(by: server)
        #expect(binding.isSigned(by: server.publicKey) && !binding.isSigned(by: ServerIdentity.generate().publicKey))
        #expect(binding.refusal(of: change, at: 5) == nil && binding.refusal(of: change, at: nil) == nil)
        #expect(binding.refusal(of: change, at: 6)?.contains("revoked") == true)
        var asBilal = change
        asBilal.author = "bilal"
        #expect(binding.refusal(of: asBilal, at: 1)?.contains("authored as bilal") == true)
        binding.user = "bilal"
        #expect(!binding.isSigned(by: server.publicKey), "a binding altered after signing")
    }
}
