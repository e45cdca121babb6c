import DossierCore
import DossierTestSupport
@testable import DossierServer
import Synchronization
import Testing

/// Concurrent pushes must never let a pull hand out a cursor past a change that is not yet visible:
/// on PostgreSQL transactions can commit out of sequence order, so this is the test that matters there.
@Suite struct CursorConcurrencyTests {
    static let pushers = 8
    static let batchesPerPusher = 15
    static let batchSize = 20
    static let pullers = 4

    @Test(arguments: StoreKind.allCases)
    func concurrentPushersAndPullersNeverSkipAChange(_ kind: StoreKind) async throws {
        try await TestStores.withStore(kind) { store in
            let team = try await store.addTeam(named: "t").id
            let done = DoneFlag()
            let streams = try await withThrowingTaskGroup(of: [String]?.self) { group in
                for pusher in 0..<Self.pushers {
                    group.addTask {
                        var researcher = Researcher("r\(pusher)", replica: "p\(pusher)", seed: UInt64(pusher + 1))
                        for _ in 0..<Self.batchesPerPusher {
                            _ = try await store.push(try researcher.incidents(Self.batchSize), team: team, receivedAt: 1)
                        }
                        return nil
                    }
                }
                for _ in 0..<Self.pullers {
                    group.addTask {
                        var cursor: Int64 = 0
                        var seen: [String] = []
                        while true {
                            let finished = done.value.load(ordering: .acquiring)
                            let page = try await store.pull(team: team, after: cursor, limit: 37)
                            seen += page.changes.map(\.id.description)
                            cursor = page.next
                            if finished && page.changes.isEmpty { return seen }
                            if page.changes.isEmpty { try await Task.sleep(for: .milliseconds(2)) }
                        }
                    }
                }
                var finishedPushers = 0
                var streams: [[String]] = []
                while let result = try await group.next() {
                    if let stream = result {
                        streams.append(stream)
                    } else {
                        finishedPushers += 1
                        if finishedPushers == Self.pushers { done.value.store(true, ordering: .releasing) }
                    }
                }
                return streams
            }
            var log: [String] = []
            var cursor: Int64 = 0
            while true {
                let page = try await store.pull(team: team, after: cursor, limit: 500)
                log += page.changes.map(\.id.description)
                cursor = page.next
                if !page.more { break }
            }
            let total = Self.pushers * Self.batchesPerPusher * Self.batchSize
            #expect(log.count == total)
            #expect(Set(log).count == total)
            #expect(streams.count == Self.pullers)
            for stream in streams {
                // Each puller saw the whole log, in log order, with nothing skipped or repeated.
                #expect(stream == log, "a puller saw \(stream.count) of \(total) changes")
            }
        }
    }
}

/// Set once every pusher has finished.
final class DoneFlag: Sendable {
    let value = Atomic<Bool>(false)
}
