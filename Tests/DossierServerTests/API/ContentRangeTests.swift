@testable import DossierServer
import Testing

/// Reading the blob protocol's byte ranges: `Content-Range`/`Content-Length` on an upload, `Range` on a download.
@Suite struct ContentRangeTests {
    private typealias Upload = ContentRange.Upload

    @Test func anUploadWithoutContentRangeIsTheWholeFileOfContentLengthBytes() {
        #expect(ContentRange.upload(contentRange: nil, contentLength: "1234") == Upload(start: 0, length: 1_234, total: 1_234))
        #expect(ContentRange.upload(contentRange: nil, contentLength: " 77 ") == Upload(start: 0, length: 77, total: 77))
        #expect(ContentRange.upload(contentRange: nil, contentLength: "0") == Upload(start: 0, length: 0, total: 0), "an empty file")
    }

    @Test func anUploadPieceIsPlacedByItsContentRange() {
        #expect(ContentRange.upload(contentRange: "bytes 0-99/300", contentLength: "100") == Upload(start: 0, length: 100, total: 300))
        #expect(ContentRange.upload(contentRange: "bytes 200-299/300", contentLength: "100") == Upload(start: 200, length: 100, total: 300))
        #expect(ContentRange.upload(contentRange: "bytes 5-5/6", contentLength: "1") == Upload(start: 5, length: 1, total: 6))
        #expect(ContentRange.upload(contentRange: "bytes 10-19/20", contentLength: nil) == Upload(start: 10, length: 10, total: 20),
                "without Content-Length the range gives the length")
        #expect(ContentRange.upload(contentRange: "bytes */0", contentLength: "0") == Upload(start: 0, length: 0, total: 0),
                "`bytes */TOTAL` declares the size with no bytes")
        #expect(ContentRange.upload(contentRange: "bytes */300", contentLength: nil) == Upload(start: 300, length: 0, total: 300))
    }

    @Test func malformedUploadHeadersAreRefused() {
        let refused: [(String?, String?)] = [
            (nil, nil), (nil, "abc"), (nil, "-5"), (nil, ""),
            ("bytes=0-99/300", "100"), ("0-99/300", "100"), ("bytes 0-99", "100"), ("bytes 0-99/*", "100"),
            ("bytes 0-99/abc", "100"), ("bytes -1-99/300", "101"), ("bytes 0-/300", "300"), ("bytes -99/300", "100"),
            ("bytes 0-1-2/300", "3"), ("bytes a-b/300", "2"), ("bytes 0-99/-1", "100"), ("", "10"),
        ]
        for (range, length) in refused {
            #expect(ContentRange.upload(contentRange: range, contentLength: length) == nil, "\(range ?? "nil") with \(length ?? "nil")")
        }
    }

    @Test func contradictoryUploadHeadersAreRefused() {
        let refused: [(String, String?)] = [
            ("bytes 0-99/300", "99"), ("bytes 0-99/300", "101"), ("bytes 0-99/300", "0"),
            ("bytes 50-49/300", "0"), ("bytes 90-10/300", "81"),
            ("bytes 0-300/300", "301"), ("bytes 299-300/300", "2"), ("bytes 0-0/0", "1"),
            ("bytes */300", "5"),
        ]
        for (range, length) in refused {
            #expect(ContentRange.upload(contentRange: range, contentLength: length) == nil, "\(range) with \(length ?? "nil")")
        }
    }

    @Test func aDownloadWithoutRangeIsTheWholeFile() {
        #expect(ContentRange.download(range: nil, size: 1_000) == .whole)
        #expect(ContentRange.download(range: nil, size: 0) == .whole)
    }

    @Test func aClosedRangeIsClampedToTheEnd() {
        #expect(ContentRange.download(range: "bytes=0-0", size: 1_000) == .part(0..<1))
        #expect(ContentRange.download(range: "bytes=100-199", size: 1_000) == .part(100..<200))
        #expect(ContentRange.download(range: " bytes=100-199 ", size: 1_000) == .part(100..<200))
        #expect(ContentRange.download(range: "bytes=900-5000", size: 1_000) == .part(900..<1_000), "an end past the file stops at its end")
        #expect(ContentRange.download(range: "bytes=999-999", size: 1_000) == .part(999..<1_000))
    }

    @Test func anOpenEndedRangeRunsToTheEnd() {
        #expect(ContentRange.download(range: "bytes=0-", size: 1_000) == .part(0..<1_000))
        #expect(ContentRange.download(range: "bytes=750-", size: 1_000) == .part(750..<1_000))
        #expect(ContentRange.download(range: "bytes=999-", size: 1_000) == .part(999..<1_000))
    }

    @Test func aSuffixRangeIsTheLastBytes() {
        #expect(ContentRange.download(range: "bytes=-1", size: 1_000) == .part(999..<1_000))
        #expect(ContentRange.download(range: "bytes=-300", size: 1_000) == .part(700..<1_000))
        #expect(ContentRange.download(range: "bytes=-1000", size: 1_000) == .part(0..<1_000))
        #expect(ContentRange.download(range: "bytes=-5000", size: 1_000) == .part(0..<1_000), "a suffix longer than the file is all of it")
    }

    @Test func aRangeStartingAtOrPastTheEndIsUnsatisfiable() {
        #expect(ContentRange.download(range: "bytes=1000-", size: 1_000) == .unsatisfiable)
        #expect(ContentRange.download(range: "bytes=1000-1999", size: 1_000) == .unsatisfiable)
        #expect(ContentRange.download(range: "bytes=5000-", size: 1_000) == .unsatisfiable)
        #expect(ContentRange.download(range: "bytes=0-", size: 0) == .unsatisfiable, "an empty file has no byte 0")
        #expect(ContentRange.download(range: "bytes=-10", size: 0) == .unsatisfiable)
    }

    @Test func malformedRangesAreRefused() {
        let malformed = ["", "bytes", "bytes=", "bytes=-", "bytes=abc", "bytes=1-2-3", "bytes=5-2", "bytes=-0", "bytes=-x",
                         "bytes=x-5", "bytes=0-1,4-5", "items=0-5", "bytes 0-5", "bytes=-1-5", "bytes=0-y"]
        for range in malformed {
            #expect(ContentRange.download(range: range, size: 1_000) == .malformed, "\(range)")
        }
    }
}
