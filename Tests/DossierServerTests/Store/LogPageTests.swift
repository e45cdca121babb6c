import DossierCore
import DossierTestSupport
@testable import DossierServer
import Foundation
import Testing

/// Pull sends stored change bodies as they are; the spliced page must be exactly the `PullPage` a client decodes.
@Suite struct LogPageTests {
    @Test(arguments: [0, 1, 5])
    func aSplicedPageDecodesToTheSamePullPage(_ count: Int) throws {
        var amina = Researcher("amina", replica: "r1")
        let changes = try amina.incidents(count)
        let page = LogPage(bodies: changes.map { String(decoding: CanonicalJSON.encode($0), as: UTF8.self) }, next: 40 + Int64(count),
                           more: count == 5)
        let decoded = try JSONDecoder().decode(PullPage.self, from: Data(page.json))
        #expect(decoded == PullPage(changes: changes, next: 40 + Int64(count), more: count == 5))
        #expect(try page.decoded() == decoded)
        #expect(try JSONSerialization.jsonObject(with: Data(page.json)) is [String: Any])
    }
}
