import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// Pull sends stored change bodies as they are; both forms of a page must read back as the same page.
@Suite struct PullPageTests {
    @Test(arguments: [0, 1, 5])
    func theSplicedJSONAndThePackedFormReadBackAsTheSamePage(_ count: Int) throws {
        var amina = Researcher("amina", replica: "r1")
        let changes = try amina.incidents(count)
        let page = PullPage(bodies: changes.map(CanonicalJSON.text), next: 40 + Int64(count), more: count == 5)
        #expect(try PullPage(json: Data(page.json)) == page)
        #expect(try PullPage(packed: page.packed) == page)
        #expect(try PullPage(json: Data(page.json)).changes == changes)
        #expect(try JSONSerialization.jsonObject(with: Data(page.json)) is [String: Any])
    }

    @Test func aDamagedOrForeignPackedPageIsRefused() throws {
        let page = PullPage(bodies: ["{}"], next: 7, more: false).packed
        #expect(throws: PackedError.self) { try PullPage(packed: [2] + page.dropFirst()) }
        #expect(throws: PackedError.self) { try PullPage(packed: page + [0]) }
        #expect(throws: PackedError.self) { try PullPage(packed: Array(page.dropLast())) }
    }
}
