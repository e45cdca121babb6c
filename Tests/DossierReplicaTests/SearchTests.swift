import DossierCore
import DossierTestSupport
@testable import DossierReplica
import Foundation
import GRDB
import Testing

/// Search over a corpus mixing Dari, Pashto, Arabic and English: Arabic-script variants fold at index and query
/// time, hyphenated aliases and quoted phrases match as consecutive words, OR, prefix*, pages with the total, kinds.
@Suite struct SearchTests {
    /// The corpus's record ids, by what they hold.
    struct Corpus {
        let replica: Replica
        let airportDari: String, haqqaniActor: String, mujahidActor: String, arabicSource: String, pashtoQuote: String
        let isk: String, abbey: String, palace: String, harakat: String, note: String
    }

    static func corpus(_ folder: ScratchFolder) throws -> Corpus {
        let replica = try Replica.create(path: folder.file("r.sqlite").path, settings: ReplicaTests.settings())
        func make(_ entity: EntityKind, _ fields: [String: JSONValue]) throws -> String { try replica.create(entity, fields: fields).record }
        let source = try make(.source, ["kind": "news", "title": "a year after the fall of Kabul, the organization of the Islamic State in the ambush", "outlet": "France 24"])
        // Dari, typed on a Persian keyboard: Persian yeh ی and kaf ک.
        let airportDari = try make(.incident, ["title": "حمله انتحاری در میدان هوایی کابل", "date": "2021-08-26", "place": "کابل",
                                               "event_type": "Explosions/Remote violence", "summary": "ولایت کابل؛ شبکه حقانی متهم شد"])
        let haqqani = try make(.actor, ["name": "Rahimullah Haqqani", "kind": "person", "aliases": ["رحیم‌الله حقانی"]])
        // ZWNJ inside the name, as Dari writes it.
        let mujahid = try make(.actor, ["name": "ذبیح‌الله مجاهد", "kind": "person"])
        // Arabic: Arabic kaf ك, teh marbuta ة, hamza on alef.
        let arabic = try make(.source, ["kind": "news", "title": "هجوم على مدرسة في كابل، أفغانستان", "language": "ar"])
        // Pashto, with Arabic yeh ي at the word's end as many Pashto writers type it.
        let pashto = try make(.quote, ["source": .string(source), "speaker": "Wassim Nasr", "text": "د ننګرهار ولايت کې حمله وشوه"])
        let isk = try make(.actor, ["name": "Islamic State in Khorasan", "kind": "organisation", "aliases": ["IS-K", "ISKP", "OEI-K"]])
        let abbey = try make(.incident, ["title": "Suicide attack at Abbey Gate, Kabul airport", "date": "2021-08-26", "place": "Abbey Gate",
                                         "event_type": "Explosions/Remote violence"])
        let palace = try make(.incident, ["title": "Rockets near the Presidential palace", "date": "2021", "place": "Kabul",
                                          "event_type": "Explosions/Remote violence", "summary": "Khan said this is key; the gate of the palace"])
        // Harakat and tatweel, as a vocalised Arabic text carries them.
        let harakat = try make(.actor, ["name": "مُحَمَّد حَقّـانی", "kind": "person", "description": "Hafez Saïd Kha"])
        let note = try make(.annotation, ["target": .string(airportDari), "kind": "note", "body": "check the Kabul figures with UNAMA"])
        return Corpus(replica: replica, airportDari: airportDari, haqqaniActor: haqqani, mujahidActor: mujahid, arabicSource: arabic,
                      pashtoQuote: pashto, isk: isk, abbey: abbey, palace: palace, harakat: harakat, note: note)
    }

    @Test func foldingMakesEachArabicScriptVariantOneForm() {
        let pairs: [(String, String)] = [
            ("حقانی", "حقاني"), ("حقانى", "حقاني"), ("کابل", "كابل"), ("أفغانستان", "افغانستان"), ("إسلام", "اسلام"),
            ("آمریکا", "امریکا"), ("ٱلله", "الله"), ("مدرسة", "مدرسه"), ("مُحَمَّد", "محمد"), ("رحمٰن", "رحمن"),
            ("کـــابل", "کابل"), ("ذبیح\u{200C}الله", "ذبیحالله"), ("a\u{200D}b\u{200E}c\u{200F}", "abc"), ("۲۰۲۱", "2021"),
            ("٢٠٢١", "2021"), ("خانۀ", "خانه"), ("ا\u{0653}", "ا"), ("Sai\u{0308}d", "Said"),
        ]
        for (typed, plain) in pairs {
            #expect(SearchFolding.fold(typed) == SearchFolding.fold(plain), "\(typed) ~ \(plain)")
        }
        #expect(SearchFolding.fold("Saïd, Kabul-airport") == "Saïd, Kabul-airport", "Latin text is left to the tokenizer")
        #expect(SearchFolding.fold("حقانی") != SearchFolding.fold("حقان"))
    }

    @Test func queriesBecomeFTSExpressionsThatNeverFail() {
        #expect(SearchQuery("IS-K").expression == "\"IS K\"")
        #expect(SearchQuery("\"Abbey Gate\" Kabul*").expression == "\"Abbey Gate\" \"Kabul\"*")
        #expect(SearchQuery("OR Abbey OR OR palace OR").expression == "\"Abbey\" OR \"palace\"")
        #expect(SearchQuery("abbey or palace").expression == "\"abbey\" \"or\" \"palace\"")
        #expect(SearchQuery("\"unbalanced AND (").expression == "\"unbalanced AND\"")
        #expect(SearchQuery("ذبیح‌الله").expression == "\"ذبيحالله\"")
        #expect(SearchQuery(" -- * \"\" ").expression == nil)
    }

    @Test func arabicScriptVariantsFindEachOther() throws {
        let folder = try ScratchFolder("search")
        let c = try Self.corpus(folder)
        func ids(_ words: String) throws -> Set<String> { Set(try c.replica.search(words).hits.map(\.id)) }
        #expect(try ids("حقاني") == [c.airportDari, c.haqqaniActor, c.harakat])  // Arabic yeh finds Persian yeh
        #expect(try ids("حقانى") == [c.airportDari, c.haqqaniActor, c.harakat])  // alef maksura too
        #expect(try ids("ولايت") == [c.airportDari, c.pashtoQuote])
        #expect(try ids("ولایت") == [c.airportDari, c.pashtoQuote])
        #expect(try ids("ذبیحالله") == [c.mujahidActor])  // stored with a ZWNJ
        #expect(try ids("رحیمالله") == [c.haqqaniActor])
        #expect(try ids("كابل") == [c.airportDari, c.arabicSource])  // Arabic kaf finds Persian kaf and itself
        #expect(try ids("مدرسه") == [c.arabicSource])  // teh marbuta
        #expect(try ids("افغانستان") == [c.arabicSource])  // hamza on alef
        #expect(try ids("محمد") == [c.harakat])  // stored with harakat
        #expect(try ids("مُحَمَّد") == [c.harakat])  // typed with them
        #expect(try ids("said") == [c.harakat, c.palace])  // Latin diacritics still fold: "Saïd" and "said"
        #expect(try ids("SAÏD") == [c.harakat, c.palace])
        // The snippet shows the text as stored (Persian yeh), the match in brackets.
        let hit = try #require(try c.replica.search("حقاني", kind: .actor, limit: 1).hits.first { $0.id == c.haqqaniActor })
        #expect(hit.snippet.contains("[حقانی]"), "\(hit.snippet)")
        let vocalised = try #require(try c.replica.search("محمد").hits.first)
        #expect(vocalised.snippet.contains("[مُحَمَّد]"), "\(vocalised.snippet)")
        let zwnj = try #require(try c.replica.search("ذبیحالله").hits.first)
        #expect(zwnj.snippet.contains("[ذبیح\u{200C}الله]"), "\(zwnj.snippet)")
    }

    @Test func aliasesPhrasesOrAndPrefixes() throws {
        let folder = try ScratchFolder("search")
        let c = try Self.corpus(folder)
        func ids(_ words: String) throws -> Set<String> { Set(try c.replica.search(words).hits.map(\.id)) }
        #expect(try ids("IS-K") == [c.isk], "not every word starting with K (Kabul, Khan, key)")
        #expect(try ids("oei-k") == [c.isk])
        #expect(try ids("Khora") == [], "a word matches whole")
        #expect(try ids("Khora*") == [c.isk])
        #expect(try ids("\"Abbey Gate\"") == [c.abbey])
        #expect(try ids("\"gate abbey\"") == [])
        #expect(try ids("gate palace") == [c.palace], "terms are all required")
        #expect(try ids("Abbey OR palace") == [c.abbey, c.palace])
        #expect(try ids("\"Presidential pal\"*") == [c.palace])
        #expect(try ids("\"unbalanced AND (").isEmpty)
        let abbey = try #require(try c.replica.search("\"Abbey Gate\"").hits.first)
        #expect(abbey.snippet.contains("[Abbey] [Gate]") || abbey.snippet.contains("[Abbey Gate]"), "\(abbey.snippet)")
        try c.replica.edit(RecordKey(entity: .incident, id: c.abbey)) { try Edit.delete($0) }
        #expect(try ids("Abbey") == [])
    }

    @Test func pagesCarryTheTotalAndKindsFilter() throws {
        let folder = try ScratchFolder("search")
        let c = try Self.corpus(folder)
        for index in 0..<7 {
            _ = try c.replica.create(.incident, fields: ["title": .string("Attack \(index) in Nangarhar"), "date": "2021", "place": "Nangarhar",
                                                         "event_type": "Battles"])
        }
        let first = try c.replica.search("nangarhar", limit: 3)
        #expect(first.total == 7 && first.hits.count == 3 && first.offset == 0 && first.limit == 3)
        let pages = try [0, 3, 6].map { try c.replica.search("nangarhar", limit: 3, offset: $0) }
        #expect(pages.map(\.hits.count) == [3, 3, 1])
        #expect(Set(pages.flatMap(\.hits).map(\.id)).count == 7, "pages do not overlap")
        #expect(try c.replica.search("nangarhar", limit: 3, offset: 9).hits.isEmpty)
        #expect(try c.replica.search("nangarhar", limit: 3, offset: 9).total == 7)
        #expect(try c.replica.search("nangarhar").hits.count == 7)
        // Kinds: "Kabul" is in incidents, sources and the annotation.
        let kabul = try c.replica.search("kabul")
        #expect(Set(kabul.hits.map(\.entity)) == [.incident, .source, .annotation])
        let notes = try c.replica.search("kabul", kind: .annotation)
        #expect(notes.total == 1 && notes.hits.map(\.id) == [c.note])
        #expect(try c.replica.search("kabul", kind: .source).hits.allSatisfy { $0.entity == .source })
        #expect(try c.replica.search("kabul", kind: .source).total == 1)
        #expect(try c.replica.search("kabul", kind: .quote).total == 0)
    }

    /// A replica made before the folding (migration v2) gets it on open: its search index is rebuilt.
    @Test func anExistingReplicaIsReindexedByTheMigration() throws {
        let folder = try ScratchFolder("search")
        let donor = try Replica.create(path: folder.file("donor.sqlite").path, settings: ReplicaTests.settings())
        let created = try donor.create(.incident, fields: ["title": "حمله در ولایت کابل", "date": "2021", "place": "کابل",
                                                           "event_type": "Battles"])
        let state = try #require(try donor.record(created.key))
        let path = folder.file("old.sqlite").path
        let old = try DatabaseQueue(path: path)
        try old.writeWithoutTransaction { try $0.execute(sql: "PRAGMA application_id = \(ReplicaDatabase.applicationID)") }
        try ReplicaDatabase.migrator.migrate(old, upTo: "v2-accounts")
        try old.write { db in
            let settings = ReplicaTests.settings()
            try db.execute(sql: "INSERT INTO replica_state (id, replica, author, team, role, name, server_url, token) VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
                           arguments: [settings.replica.rawValue, settings.author, settings.team, settings.role.rawValue, settings.name,
                                       settings.serverURL, settings.token])
            try db.execute(sql: "INSERT INTO records (entity, id, state) VALUES (?, ?, ?)",
                           arguments: ["incident", created.record, Data(state.packed())])
            try db.execute(sql: "INSERT INTO search (entity, id, body) VALUES ('incident', ?, ?)", arguments: [created.record, "حمله در ولایت کابل"])
            try db.execute(sql: "INSERT INTO search_keys (entity, id, search_rowid) VALUES ('incident', ?, last_insert_rowid())",
                           arguments: [created.record])
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM search WHERE search MATCH '\"ولايت\"'") == 0, "v2 does not fold")
        }
        try old.close()
        let replica = try Replica.open(path: path)
        let results = try replica.search("ولايت كابل")
        #expect(results.hits.map(\.id) == [created.record])
        #expect(results.hits.first?.snippet == "حمله در [ولایت] [کابل] • [کابل] • Battles")
        #expect(try replica.database.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM search_keys") } == 1)
    }
}
