import Foundation

/// The shared starting point of the end-to-end scenarios, from the seed articles (seed-facts.json):
/// two France 24 sources, IS-K, the Kabul airport attack of 2021-08-26 and two other incidents, and a quote by Wassim Nasr.
struct KabulBase: Sendable {
    /// S000: the news analysis "a year after the fall of Kabul…" (gives 185 killed at the airport).
    let analysis: String
    /// S001: the France 24 interview with Wassim Nasr.
    let interview: String
    /// A01: Islamic State in Khorasan, with the aliases IS-K, ISKP and OEI-K.
    let isk: String
    /// I01: the suicide attack at Kabul airport, tagged "airport".
    let airport: String
    /// I07: the 'mother of bombs' dropped on the IS group in Tora Bora.
    let toraBora: String
    /// I03: the bomb attack in a Shiite neighbourhood of Kabul.
    let shiiteNeighbourhood: String
    /// Q02: Wassim Nasr on the OEI-K's freedom of action, as printed (ending with a comma).
    let quote: String

    /// Q02's text exactly as the seed prints it.
    static let quoteText = "We cannot say that there has been a strengthening of the OEI-K, but the group has enjoyed greater freedom of action since the Americans left,"

    /// Records the base on `laptop` with the real CLI (nothing is synced).
    static func record(on laptop: Laptop) throws -> KabulBase {
        let analysis = try laptop.create("source", "add", "--kind", "news", "--outlet", "France 24", "--language", "en",
                                         "--title", "a year after the fall of Kabul, the organization of the Islamic State in the ambush")
        let interview = try laptop.create("source", "add", "--kind", "interview", "--outlet", "France 24",
                                          "--title", "Interview with Wassim Nasr on the IS group in Afghanistan")
        let isk = try laptop.create("actor", "add", "--name", "Islamic State in Khorasan", "--kind", "organisation",
                                    "--alias", "IS-K", "--alias", "ISKP", "--alias", "OEI-K")
        let airport = try laptop.create("incident", "add", "--title", "Suicide attack at Kabul airport", "--date", "2021-08-26",
                                        "--place", "Kabul airport", "--event-type", "Explosions/Remote violence",
                                        "--sub-event-type", "Suicide bomb", "--admin1", "Kabul", "--country", "AF",
                                        "--lat", "34.56", "--lon", "69.21", "--actor", "\(isk):perpetrator",
                                        "--source", analysis, "--tag", "airport")
        let toraBora = try laptop.create("incident", "add", "--title", "'mother of bombs' dropped on IS group in Tora Bora",
                                         "--date", "2017", "--place", "Tora Bora", "--admin1", "Nangarhar", "--country", "AF",
                                         "--event-type", "Explosions/Remote violence", "--sub-event-type", "Air/drone strike",
                                         "--source", interview)
        let shiite = try laptop.create("incident", "add", "--title", "Bomb attack in a Shiite neighbourhood of Kabul targeting Hazaras",
                                       "--date", "2022", "--place", "a Shiite neighborhood in Kabul", "--country", "AF",
                                       "--event-type", "Explosions/Remote violence", "--source", analysis)
        let quote = try laptop.create("quote", "add", "--source", analysis, "--speaker", "Wassim Nasr",
                                      "--speaker-role", "France 24 journalist", "--text", quoteText, "--incident", airport)
        return KabulBase(analysis: analysis, interview: interview, isk: isk, airport: airport, toraBora: toraBora,
                         shiiteNeighbourhood: shiite, quote: quote)
    }
}
