import DossierTestSupport
import Foundation
import Testing

/// `dossier demo` (SPEC §6): the main job on an embedded server shows every merge rule and proves convergence.
@Suite struct DemoCommandTests {
    @Test func demoShowsEveryMergeRuleOnSeedMaterialAndConverges() throws {
        let result = try ProcessRunner.run(Binaries.dossier, ["demo", "--seed", "7"], timeout: 120)
        #expect(result.status == 0, "\(result)")
        let output = result.stdout
        for rule in ["[claims]", "[contested]", "[set]", "[lww]", "[per-author]", "[immutable]", "[delete]", "[orphan]"] {
            #expect(output.contains(rule), "the demo does not show \(rule)")
        }
        #expect(output.contains("Suicide attack at Kabul airport — killed: 170–185 (disputed)"))
        #expect(output.contains("refused — source: cannot change after creation"))
        #expect(output.contains("— place:") && output.contains("— text:") && output.contains("— deleted:"))
        #expect(output.contains("shuffled by seed 7"))
        #expect(output.contains("attach S000's saved article → web_capture evidence") && output.contains("2 files uploaded"))
        #expect(output.contains("bilal: fetch → 2 saved articles downloaded and checked against their SHA-256"))
        let digests = result.stdoutLines.filter { $0.contains("sha256") }.map { $0.split(separator: " ").last.map(String.init) ?? "" }
        #expect(digests.count == 4)
        #expect(Set(digests).count == 1)
        #expect(output.contains("byte-identical state: converged"))
        #expect(output.contains("Verified checkpoint of team kabul-desk") && !output.contains("NOT VERIFIED"), "the demo ends with a verified checkpoint")
    }
}
