#!/usr/bin/env python3
"""Breaks each merge rule on purpose, in a copy of the core, and checks that its named test fails.

Usage: scripts/mutation-check.py            (takes a few minutes; builds only the core, its test support and tests)
Prints one line per mutation: CAUGHT (the named test failed) or MISSED; exits 1 if any was missed.
"""
import pathlib, re, shutil, subprocess, sys, tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORE = "Sources/DossierCore/"

# (rule, file, original text, broken text, test that must fail)
MUTATIONS = [
    ("immutable: earliest creation wins", "Merge/ImmutableValue.swift",
     "!Write.precedes(incoming, current)", "Write.precedes(incoming, current)", "immutableFieldOfTwoCreationsIsTheEarliestEverywhere"),
    ("lww: later write wins", "Merge/LWWRegister.swift",
     "!Write.precedes(current, incoming)", "Write.precedes(current, incoming)", "lwwFieldTakesTheLaterWriteAndOpensNoConflict"),
    ("contested: concurrent losers are kept", "Merge/ContestedRegister.swift",
     "next.candidates[incoming.version] = incoming\n", "next.candidates = [incoming.version: incoming]\n",
     "contestedFieldKeepsConcurrentWritesAsAnOpenConflict"),
    ("contested: a write that had seen the other replaces it", "Merge/ContestedRegister.swift",
     "for version in supersedes { next.candidates[version] = nil }", "",
     "contestedWriteThatHadSeenTheOtherSimplyReplacesIt"),
    ("set: add wins over a concurrent remove", "Merge/AddWinsSet.swift",
     "next.removed[element, default: []].formUnion(tags)", "next.removed[element, default: []].formUnion(adds[element] ?? [])",
     "setAddAndConcurrentRemoveOfTheSameElementLeavesItPresent"),
    ("claims: a retraction is a flag, never an erasure", "Merge/ClaimSet.swift",
     "public var activeEntries: [Entry] { sortedEntries.filter { !isRetracted($0.id) } }",
     "public var activeEntries: [Entry] { sortedEntries }", "claimsAreAppendOnlyAndRetractionIsAFlag"),
    ("claims: disputed when figures differ", "Merge/CasualtySummary.swift",
     "disputed = active.contains { $0.low != first.low || $0.high != first.high }", "disputed = false",
     "airportTollOf170And185FromTwoSourcesIsADisputedRange"),
    ("claims: a source's later report supersedes its earlier one", "Merge/CasualtySummary.swift",
     "return !(date < newest)", "return true", "aSourcesLaterReportSupersedesItsEarlierOne"),
    ("per-author: one entry per author", "Merge/PerAuthorMap.swift",
     "next.entries[incoming.author] = (entries[incoming.author] ?? LWWRegister()).merging(incoming)",
     "next.entries = [incoming.author: (entries.values.first ?? LWWRegister()).merging(incoming)]",
     "perAuthorEntriesOfDifferentAuthorsNeverConflict"),
    ("delete: a concurrent edit wins and opens a conflict", "Merge/RecordState+Deletion.swift",
     "if let covering = live.first(where: { editVersions.isSubset(of: $0.supersedes) }) {",
     "if let covering = live.first {", "deleteAgainstAConcurrentEditKeepsTheRecordAndOpensAConflict"),
    ("delete: after seeing every edit, deleted", "Merge/RecordState+Deletion.swift",
     "let editVersions = Set(edits.keys)", "let editVersions = Set(edits.keys).union([HLC(millis: 0, counter: 0, replica: key.entity == .incident ? ReplicaID(\"zz\")! : ReplicaID(\"zy\")!)])",
     "deleteAfterSeeingEveryEditDeletes"),
    ("orphan: an annotation of a deleted target is kept and flagged", "Merge/Dataset.swift",
     "return !candidates.contains { $0.creation != nil && !$0.isDeleted }", "return false",
     "annotationWhoseTargetWasDeletedIsKeptAsAnOrphan"),
    ("location: concurrent coordinates are contested", "Model/FieldRules.swift",
     'FieldSpec("location", .location, merge: .contested)', 'FieldSpec("location", .location, merge: .lww)',
     "concurrentDifferentCoordinatesOpenAConflictListingBothUntilASetThatSawBoth"),
    ("review_status: concurrent statuses are contested", "Model/FieldRules.swift",
     'merge: .contested, default: .string("draft"))', 'merge: .lww, default: .string("draft"))',
     "concurrentReviewStatusesOpenAConflictListingBothUntilASetThatSawBoth"),
    ("fold: a change already known is not applied again", "Merge/ChangeFold.swift",
     "if let existing = bodies[id] {", "if let existing = [String: String]()[id] {", "aDuplicateDeliveryIsFoldedExactlyOnce"),
    ("fold: a known id with other content is id_reused", "Merge/ChangeFold.swift",
     "existing == body ? .alreadyHad : .idReused", ".alreadyHad", "aKnownIDWithOtherContentIsReusedAndNotApplied"),
    ("state JSON: restores survive the snapshot's JSON", "Merge/RecordState+JSON.swift",
     'restored = try HLC.set(object["restored"])', "",
     "recordsOfEveryMergeKindWithDeletionsAndRestoresRoundTripThroughJSONAndPacked"),
]

PACKAGE = '''// swift-tools-version:6.1
import PackageDescription
let settings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]
let package = Package(name: "dossier-mutants", targets: [
    .target(name: "DossierCore", path: "Sources/DossierCore", swiftSettings: settings),
    .target(name: "DossierTestSupport", dependencies: ["DossierCore"], path: "Tests/DossierTestSupport", swiftSettings: settings),
    .testTarget(name: "DossierCoreTests", dependencies: ["DossierCore", "DossierTestSupport"], path: "Tests/DossierCoreTests",
                swiftSettings: settings),
])
'''

def run(cmd, cwd):
    return subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

def main():
    work = pathlib.Path(tempfile.mkdtemp(prefix="dossier-mutants-"))
    shutil.copytree(ROOT / "Sources/DossierCore", work / "Sources/DossierCore")
    for tests in ("Tests/DossierCoreTests", "Tests/DossierTestSupport"):
        shutil.copytree(ROOT / tests, work / tests)
    (work / "Package.swift").write_text(PACKAGE)
    base = run(["swift", "build", "--build-tests"], work)
    if base.returncode != 0:
        print(base.stdout[-3000:]); return 2
    missed = 0
    for rule, path, original, broken, test in MUTATIONS:
        target = work / "Sources/DossierCore" / path
        text = target.read_text()
        if original not in text:
            print(f"STALE   {rule}: the original text is no longer in {path}"); missed += 1; continue
        target.write_text(text.replace(original, broken, 1))
        build = run(["swift", "build", "--build-tests"], work)
        result = run(["swift", "test", "--skip-build", "--filter", test], work) if build.returncode == 0 else build
        failed = re.search(rf"✘ Test {test}\(\) (failed|recorded)", result.stdout) is not None
        print(f"{'CAUGHT' if failed else 'MISSED'}  {rule}  ->  {test}", flush=True)
        missed += 0 if failed else 1
        target.write_text(text)
    shutil.rmtree(work, ignore_errors=True)
    print(f"{len(MUTATIONS) - missed} of {len(MUTATIONS)} broken rules caught by their named test")
    return 1 if missed else 0

if __name__ == "__main__":
    sys.exit(main())
