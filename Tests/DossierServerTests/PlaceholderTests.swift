import Testing
import HummingbirdTesting
@testable import DossierServer
@Test func placeholder2() { #expect(1 + 1 == 2) }
