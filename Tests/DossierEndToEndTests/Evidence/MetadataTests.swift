import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// Embedded metadata through exiftool: `show` of a photo gives its capture time and GPS position, and
/// `export --strip-metadata` bundles a copy without them, derived from the original, which stays byte for byte.
@Suite struct MetadataTests {
    /// An 8×8 grey JPEG (made once with Pillow), to which the test writes its own tags with exiftool.
    static let jpeg = Data(base64Encoded: """
        /9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAIAAgDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwAoooqyD//Z
        """, options: .ignoreUnknownCharacters)!

    @Test func showGivesAPhotosCaptureTimeAndGPSAndAStrippedBundleCopyHasNeither() throws {
        try TeamServer.with(users: [("amina", "editor")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA")
            let base = try KabulBase.record(on: a)
            let photo = a.home.appendingPathComponent("abbey-gate.jpg")
            try Self.jpeg.write(to: photo)
            let tagged = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/exiftool"), [
                "-q", "-overwrite_original", "-DateTimeOriginal=2021:08:26 17:48:00", "-GPSLatitude=34.5658", "-GPSLatitudeRef=N",
                "-GPSLongitude=69.2129", "-GPSLongitudeRef=E", "-Make=Apple", "-Model=iPhone 12", photo.path,
            ])
            #expect(tagged.status == 0, "\(tagged)")
            let original = ContentDigestText.ofFile(photo)
            let evidence = try a.ok("attach", base.airport, photo.path).lastLine

            let shown = try a.ok("show", evidence).stdout
            #expect(shown.contains("captured: 2021:08:26 17:48:00") && shown.contains("GPS: 34.5658,69.2129"), "\(shown)")
            #expect(shown.contains("device: Apple iPhone 12"), "\(shown)")

            let bundle = a.home.appendingPathComponent("airport.zip")
            try a.ok("export", "--format", "bundle", "--strip-metadata", "--out", bundle.path, base.airport)
            #expect(try a.run("verify", bundle.path).status == 0)
            let unpacked = a.home.appendingPathComponent("unpacked")
            let unzip = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/unzip"), ["-q", bundle.path, "-d", unpacked.path])
            #expect(unzip.status == 0, "\(unzip)")
            let files = try FileManager.default.contentsOfDirectory(atPath: unpacked.appendingPathComponent("files").path)
            #expect(files.count == 1 && files[0] != original, "only the copy without metadata is in the bundle: \(files)")
            let left = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/exiftool"), ["-GPSLatitude", "-DateTimeOriginal", "-Make",
                                                                                          unpacked.appendingPathComponent("files/" + files[0]).path])
            #expect(left.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "the copy carries no GPS, time or device: \(left)")
            let records = try String(contentsOf: unpacked.appendingPathComponent("records.json"), encoding: .utf8)
            #expect(records.contains("\"derived_from\":\"\(original)\""), "the copy names the original it came from")

            let kept = a.replica.path + "-evidence/" + original.prefix(2) + "/" + original
            #expect(ContentDigestText.ofFile(URL(fileURLWithPath: kept)) == original, "the original is untouched")
            #expect(try a.ok("show", evidence).stdout.contains("GPS: 34.5658,69.2129"))
            #expect(try a.ok("list", "evidence").stdoutLines.count == 2, "the copy is evidence of its own")
        }
    }
}
