#!/usr/bin/env python3
"""Writes the demo's data file from the hand extraction of the two seed articles.

Usage: scripts/make-demo-data.py [FACTS [OUT]]
  FACTS  defaults to ../shared/seed-facts.json relative to the repository
  OUT    defaults to Client/DossierDemo/Resources/seed-records.json in the repository

Every source, actor, incident and quote of seed-facts.json that the v1 model can hold (SPEC §2) is
written as a record keyed by its symbolic id (S000, A01, I01, Q01); `dossier demo` maps the keys to
record ids. Facts are taken from the extraction; the coding decisions the extraction leaves open
(ACLED type, place text when none is stated, tags, summaries) are made in the tables below, each
with its reason, and every inference is written to the record's "notes". Output: sorted keys,
2-space indent, UTF-8, byte-for-byte deterministic. Standard library only.
"""
import json, pathlib, re, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
FACTS = ROOT.parent / "shared" / "seed-facts.json"
OUT = ROOT / "Client" / "DossierDemo" / "Resources" / "seed-records.json"

MONTHS = {m: i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], start=1)}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

# ---------------------------------------------------------------------------------------------
# Vocabulary mappings: the extraction's words -> the model's (Vocabulary.swift).

ACTOR_KINDS = {
    "organisation": "organisation", "person": "person", "state": "state", "community": "community",
    "media": "media", "international_organisation": "international_org",
    "state_forces": "state",      # the former Afghan government and its army: a state actor
    "civilians": "community",     # "Civilians (Afghanistan)": a population group, not an organisation
}

# Mentions in names_as_stated that are descriptions, events or parts of an actor rather than names
# of it; they are left out of the aliases (they stay in the seeds and in seed-facts).
NOT_ALIASES = {
    "A01": {"jihadist group", "terrorist group", "Afghan branch of IS",
            "regional branch of the Islamic State organization"},
    "A02": {"organization"},
    "A03": {"new masters of Kabul", "Taliban regime"},
    "A05": {"Al-Qaeda networks"},
    "A06": {"American drone strike", "13 American soldiers", "American drones"},
    "A07": {"previous government", "Afghans"},
    "A24": {"Shiite neighborhood"},
    "A26": {"Pashtuns who are in power in Kabul"},
}

# Notes in seed-facts that describe the extraction rather than the actor: not copied.
NOTES_ABOUT_THE_EXTRACTION = {("A08", "note")}   # "expansion kept as stated in the seed"

# ---------------------------------------------------------------------------------------------
# Sources: the extraction records title/publisher/date as stated (often null) and as inferred.

SOURCE_CODING = {
    "S000": {
        "kind": "news",          # "news analysis with expert quotes"
        "tags": ["analysis", "translation"],
    },
    "S001": {
        "kind": "interview",     # "interview (Q&A) with Wassim Nasr, plus lede"
        # The seed has no headline; a title is required, so one is supplied in square brackets
        # (the cataloguing convention for a title not taken from the item).
        "title": "[France 24 interview with Wassim Nasr on the Islamic State group in Afghanistan]",
        "tags": ["interview", "translation"],
    },
}

# ---------------------------------------------------------------------------------------------
# Incidents: coding decisions per incident. Everything not listed here is derived from the reports.
#   event_type/sub_event_type  ACLED coding (the extraction's acled_suggested_inferred where it
#                              gives one usable value)
#   place                      place text when the derived one is missing or unusable
#   admin1                     province when the extraction implies but does not attach it
#   location                   (lat, lon, why) only for a site or a city the seeds name
#   extra_actors               roles the reports state in prose (victims named in a casualty note)
#   summary / variant_summary  short neutral summaries of what each source says
#   tags                       short lowercase words

KABUL_AIRPORT = (34.5656, 69.2078, "Hamid Karzai International Airport, Kabul (approximate)")
KABUL_CENTRE = (34.5553, 69.2075, "approximate centre of Kabul city; the exact spot is not stated")

INCIDENT_CODING = {
    "I01": {
        "event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb",
        "location": KABUL_AIRPORT,
        "extra_actors": [("A06", "victim", "'including 13 American soldiers' among the dead (S000)")],
        "summary": "A suicide bomber blew himself up near a doorway of Kabul airport, followed by gunfire; "
                   "S000 calls it the deadliest jihadist attack since August 2021 and counts 185 dead, "
                   "including 13 American soldiers.",
        "variant_summary": {
            "S001": "Attack at the entrance to Kabul airport, presented as claimed by the EI group; "
                    "S001 mentions the death toll but gives no figure or method.",
        },
        "tags": ["airport", "suicide"],
        "notes": ["Sub-event 'Suicide bomb' is a judgement call: ACLED uses it only in the absence of an "
                  "armed clash, and S000 reports gunfire after the blast."],
    },
    "I02": {
        # Method not stated: the victim is a cleric (a civilian), so the type is coded from the
        # target; no sub-event type can be coded from the seed.
        "event_type": "Violence against civilians", "sub_event_type": None,
        "summary": "Killing of Rahimullah Haqqani, a senior Taliban cleric known for his fiery speeches against "
                   "the Islamic State in Khorasan, presented by S000 as the group's latest deadly attack.",
        "tags": ["assassination", "cleric"],
        "notes": ["Method not stated: coded as violence against a civilian, no sub-event type."],
    },
    "I03": {
        "event_type": "Explosions/Remote violence", "sub_event_type": "Remote explosive/landmine/IED",
        "location": KABUL_CENTRE,
        "summary": "Bomb attack in a Shiite neighborhood of Kabul targeting the Hazara community, claimed by "
                   "the Islamic State in Khorasan; eight killed and 18 wounded (S000).",
        "tags": ["bombing", "hazara", "shiite"],
        "notes": ["Sub-event 'Remote explosive/landmine/IED' inferred from 'bomb attack'; the device type is "
                  "not stated."],
    },
    "I04": {
        "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
        # Stated: "in the heart of the capital of Afghanistan"; Kabul is not named in that sentence.
        "place": "Kabul",
        "admin1": "Kabul",
        "location": KABUL_CENTRE,
        "summary": "Ayman Al-Zawahiri, the leader of Al-Qaeda, was killed at the end of July in an American "
                   "drone strike in the heart of the capital of Afghanistan (S000).",
        "tags": ["drone", "leadership"],
        "notes": ["Kabul inferred from 'the capital of Afghanistan' (general knowledge)."],
    },
    "I05": {
        "event_type": "Violence against civilians", "sub_event_type": "Attack",
        # Stated: "in his cell"; the prisons opened included Bagram, but the cell is not placed there.
        "place": "prison cell (prison not named)",
        "summary": "When they opened the country's prisons, the Taliban killed ('liquidated') the former emir "
                   "of the IS group in his cell (S001).",
        "tags": ["prison", "detainee"],
        "notes": ["ACLED codes a detainee killed in custody as violence against civilians.",
                  "The prisons opened included Bagram; that the cell was in Bagram is NOT stated."],
    },
    "I06": {
        "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
        "summary": "Hafez Saïd Kha, who commanded the group in 2015, was killed in 2016 by an American drone "
                   "(S001).",
        "tags": ["drone", "leadership"],
    },
    "I07": {
        "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
        "extra_actors": [("A21", "associated", "'Donald Trump was pleased to have ordered the dropping' (S001)")],
        "summary": "In 2017 Donald Trump ordered the dropping of the 'mother of bombs', the most powerful "
                   "non-nuclear bomb in the American arsenal, on the IS group in Tora Bora; casualties not "
                   "stated (S001).",
        "tags": ["airstrike", "bomb"],
        "notes": ["No coordinates: Tora Bora is an area, not a point the seed fixes."],
    },
    "I08": {
        # "attacks ... against a mosque": the method is not stated, the target is a place of worship.
        "event_type": "Violence against civilians", "sub_event_type": None,
        "admin1": "Kabul",
        "summary": "Attack against a mosque led by an imam the group judged 'deviant', listed by S001 among the "
                   "bloodiest attacks claimed by the EI group in Kabul.",
        "tags": ["mosque"],
        "notes": ["Method not stated: coded as violence against civilians, no sub-event type.",
                  "Kabul inferred: the sentence is about the group's attacks 'in Kabul'; the mosque is not named."],
    },
    "I09": {
        "event_type": "Explosions/Remote violence", "sub_event_type": None,
        "admin1": "Kabul",
        "summary": "Bombing of the presidential palace, listed by S001 among the bloodiest attacks claimed by "
                   "the EI group in Kabul; weapon not stated.",
        "tags": ["bombing", "palace"],
        "notes": ["Called a 'bombing'; the weapon is not stated, so no sub-event type."],
    },
    "I10": {
        "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
        "summary": "Recent US drone strikes targeted the IS-group jihadists; the Taliban did not blame the US "
                   "military for them. Number of strikes not stated (S001).",
        "tags": ["drone"],
        "notes": ["Possibly several strikes; recorded as one incident as the seed gives no count."],
    },
}

# Quotes: links the extraction leaves to the reader.
QUOTE_INCIDENTS = {
    "Q18": (["I01"], "Link to I01 inferred: 'as in Kabul' in an interview opened by the 26 August airport attack."),
}
# Speaker as stated when it differs from the actor's name.
QUOTE_SPEAKER = {"Q22": "the Pentagon"}
FORM_TAGS = {
    "headline_pullquote": ["headline"], "partial_quotation": ["fragment"], "interview_question": ["question"],
    "interview_answer": ["interview"], "reported_speech": ["paraphrase"], "direct_quotation": [],
}


# ---------------------------------------------------------------------------------------------

def sentences(notes):
    """Notes joined into one text, each ending with a full stop; None when there are none."""
    return " ".join(n if n.endswith((".", "?", "!")) else n + "." for n in notes) or None


def letters(text):
    """The letters and digits of a name, lowercased: for spotting spacing/punctuation variants."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


def strip_article(text):
    return re.sub(r"^(the|The) ", "", text)


def month_year(text):
    """The first 'Month YYYY' in a text, as YYYY-MM, else None."""
    match = re.search(r"(%s)\s+(\d{4})" % "|".join(MONTHS), text or "")
    return "%s-%02d" % (match.group(2), MONTHS[match.group(1)]) if match else None


def source_records(facts):
    records = []
    for s in facts["sources"]:
        coding = SOURCE_CODING[s["id"]]
        notes = []
        title = s["title_as_stated"] or coding["title"]
        if not s["title_as_stated"]:
            notes.append("No title in the seed; title supplied in square brackets.")
        outlet = s["publisher"]
        if outlet is None and s.get("publisher_inferred", "").startswith("France 24"):
            outlet = "France 24"
            notes.append("Outlet inferred: " + s["publisher_inferred"])
        published = s["publication_date"]
        if published is None and s.get("publication_date_inferred"):
            inferred = s["publication_date_inferred"]
            # The coarsest partial date the inference supports: its leading YYYY-MM when it names
            # one month, else the year.
            head = re.match(r"^(\d{4}-\d{2})\b", inferred)
            years = set(re.findall(r"\b(\d{4})\b", inferred))
            published = head.group(1) if head else (years.pop() if len(years) == 1 else None)
            notes.append("Publication date inferred: " + inferred)
        language = "en" if s.get("language_note", "").startswith("English") else None
        if language:
            notes.append("Language: " + s["language_note"])
        records.append({
            "key": s["id"], "kind": coding["kind"], "title": title, "outlet": outlet, "published": published,
            "language": language, "url": None, "tags": sorted(coding["tags"]),
            "notes": sentences(notes),
        })
    return records


def actor_records(facts, seed_to_source):
    records = []
    for a in facts["actors"]:
        key, name = a["id"], a["name"]
        notes = []
        kind = ACTOR_KINDS[a["kind"]]
        if kind != a["kind"]:
            notes.append("Kind '%s' in the extraction, coded '%s'." % (a["kind"], kind))
        aliases = []
        for seed in sorted(a.get("names_as_stated", {})):
            for mention in a["names_as_stated"][seed]:
                alias = strip_article(mention)
                if key == "A08" and ", the " in alias:       # "UNAMA, the United Nations Mission in Afghanistan"
                    alias = alias.split(", the ", 1)[1]
                if letters(alias) == letters(name) or alias in NOT_ALIASES.get(key, set()):
                    continue
                if alias not in aliases:
                    aliases.append(alias)
        acronym = re.search(r"\(\s*([A-Z]{2,})\s*\)", name)     # "French Institute ... (IFEAC)"
        if acronym and acronym.group(1) not in aliases:
            aliases.append(acronym.group(1))
        parts = []
        for seed, role in sorted((a.get("role_as_stated") or {}).items()):
            parts.append("Described as '%s' (%s)." % (role, seed_to_source[seed]))
        if a.get("affiliation"):
            other = next(x for x in facts["actors"] if x["id"] == a["affiliation"])
            parts.append("Affiliation: %s." % other["name"])
        for fact in a.get("stated_facts", []):
            cited = sorted({seed_to_source[e["seed"]] for e in fact["evidence"]})
            parts.append("%s%s (%s)." % (fact["fact"][0].upper(), fact["fact"][1:], ", ".join(cited)))
        for field in ("role_note", "identity_note", "note"):
            if a.get(field) and (key, field) not in NOTES_ABOUT_THE_EXTRACTION:
                parts.append("Note: %s%s" % (a[field], "" if a[field].endswith(".") else "."))
        records.append({
            "key": key, "kind": kind, "name": name, "aliases": sorted(aliases),
            "description": " ".join(parts) or None, "notes": sentences(notes),
        })
    return records


def report_date(date, notes):
    """A valid partial date for one report's date: as stated, or with the inferred year/window."""
    value, precision = date.get("value"), date["precision"]
    if value and DATE.match(value):
        return value
    year = date.get("year_inferred")
    if value and value.startswith("--") and year:              # --MM-DD, year left out
        notes.append("Year inferred (%d): %s" % (year, date.get("inference_basis") or
                                                  "stated '%s' without a year" % date["as_stated"]))
        return "%d-%s" % (year, value[2:])
    if precision in ("month_without_year", "month_end") and year:
        month = re.search("(%s)" % "|".join(MONTHS), date["as_stated"]).group(1)
        notes.append("Year inferred (%d): stated '%s'." % (year, date["as_stated"]))
        return "%d-%02d" % (year, MONTHS[month])
    inferred = month_year(date.get("window_inferred"))
    if inferred:
        notes.append("Date inferred from '%s': %s" % (date["as_stated"], date["window_inferred"]))
        return inferred
    raise SystemExit("no usable date for %r" % date)


def report_place(place):
    """One report's place text as stated, without a leading article; None when not stated."""
    stated = place.get("location_as_stated")
    return strip_article(stated) if stated else None


def claims_of(report, seed_to_source):
    claims = []
    for kind in ("killed", "wounded"):
        figure = report.get(kind)
        if not figure or figure["qualifier"] == "not_stated":
            continue
        q = figure["qualifier"]
        if q == "exact":
            low = high = figure["value"]
            qualifier = "exact"
        elif q in ("more_than", "at_least_named_victims"):
            low = high = figure["low"]
            qualifier = "at_least"
        else:
            raise SystemExit("unmapped qualifier %r" % q)
        note = figure.get("note")
        claims.append({"kind": kind, "low": low, "high": high, "qualifier": qualifier,
                       "source": seed_to_source[figure["seed"]], "note": note})
    return claims


def actor_roles(report):
    roles = []
    perpetrator = report.get("perpetrator") or {}
    if perpetrator.get("actor_id"):
        role = "claimed_by" if perpetrator["attribution"] == "claimed" else "perpetrator"
        roles.append("%s:%s" % (perpetrator["actor_id"], role))
    target = report.get("target") or {}
    if target.get("actor_id"):
        roles.append("%s:target" % target["actor_id"])
        killed = report.get("killed") or {}
        if killed.get("qualifier") == "at_least_named_victims":   # the named victim is the target
            roles.append("%s:victim" % target["actor_id"])
    return roles


def incident_records(facts, seed_to_source):
    places = {p["id"]: p for p in facts["places"]}
    records = []
    for inc in facts["incidents"]:
        key = inc["id"]
        coding = INCIDENT_CODING[key]
        main, others = inc["reports"][0], inc["reports"][1:]   # the first report is the more precise one
        notes = []
        date = report_date(main["date"], notes)
        place = coding.get("place") or report_place(main["place"])
        if place is None:
            place = "Afghanistan"
            notes.append("Place not stated in the seed; country inferred from context.")
        elif coding.get("place"):
            stated = main["place"].get("location_as_stated")
            notes.append("Place as stated: %s." % ("'%s'" % stated if stated else "not stated"))
        admin1 = main["place"].get("admin1") or main["place"].get("admin1_inferred") or coding.get("admin1")
        if admin1 and not main["place"].get("admin1"):
            notes.append("Province (admin1) %s inferred." % admin1)
        place_id = main["place"].get("place_id")
        if place_id and places[place_id].get("parent_note"):
            notes.append(places[place_id]["parent_note"][0].upper() + places[place_id]["parent_note"][1:] + ".")
        lat = lon = None
        if coding.get("location"):
            lat, lon, why = coding["location"]
            notes.append("Coordinates: %s." % why)
        roles, claims, sources = [], [], []
        for report in inc["reports"]:
            sources.append(seed_to_source[report["seed"]])
            for role in actor_roles(report):
                if role not in roles:
                    roles.append(role)
            claims.extend(claims_of(report, seed_to_source))
            attribution = (report.get("perpetrator") or {}).get("attribution")
            if attribution == "implied_by_article":
                notes.append("Perpetrator implied by the article in %s, not stated or claimed."
                             % seed_to_source[report["seed"]])
        for actor, role, why in coding.get("extra_actors", []):
            roles.append("%s:%s" % (actor, role))
            notes.append("Role %s of %s: %s." % (role, actor, why))
        notes.extend(coding.get("notes", []))
        variants = {}
        for report in others:
            source = seed_to_source[report["seed"]]
            other_notes = []
            variant = {}
            other_date = report_date(report["date"], other_notes)
            if other_date != date:
                variant["date"] = other_date
            other_place = report_place(report["place"])
            if other_place and other_place != place:
                variant["place"] = other_place
            if coding.get("variant_summary", {}).get(source):
                variant["summary"] = coding["variant_summary"][source]
            if variant:
                variants[source] = variant
            notes.extend("%s: %s" % (source, n) for n in other_notes)
        record = {
            "key": key, "title": inc["label"], "date": date, "place": place, "admin1": admin1, "country": "AF",
            "lat": lat, "lon": lon, "event_type": coding["event_type"], "sub_event_type": coding["sub_event_type"],
            "summary": coding["summary"], "sources": sorted(set(sources)), "actors": sorted(roles),
            "tags": sorted(coding["tags"]), "claims": claims, "notes": sentences(notes),
        }
        if variants:
            record["variants"] = variants
        records.append(record)
    return records


def quote_records(facts, seed_to_source):
    actors = {a["id"]: a for a in facts["actors"]}
    records = []
    for q in facts["quotes"]:
        key = q["id"]
        notes, tags = [], list(FORM_TAGS[q["form"]])
        actor = q["speaker_actor_id"]
        if actor:
            speaker = QUOTE_SPEAKER.get(key, actors[actor]["name"])
        else:
            speaker = "unattributed (headline)" if q["form"] == "headline_pullquote" else "unattributed"
            tags.append("unattributed")
        if q["speaker_inferred"]:
            tags.append("unattributed")
            notes.append("Speaker inferred: no attribution next to the quote.")
        if q.get("attribution_as_stated"):
            notes.append("Attribution as printed: '%s'." % q["attribution_as_stated"])
        if q.get("anomalies"):
            tags.append("anomaly")
            notes.extend("Anomaly: %s." % a for a in q["anomalies"])
        if q.get("note"):
            notes.append("Note: %s." % q["note"])
        incidents, why = QUOTE_INCIDENTS.get(key, ([], None))
        if why:
            notes.append(why)
        records.append({
            "key": key, "source": seed_to_source[q["seed"]], "speaker": speaker, "speaker_actor": actor,
            "speaker_role": q["speaker_role_as_stated"], "text": q["text"], "said_on": None,
            "incidents": incidents, "tags": sorted(set(tags)), "notes": sentences(notes),
        })
    return records


def contradiction_records(facts):
    records = []
    for c in facts["contradictions_and_uncertainties"]:
        incidents = [c["incident"]] if c.get("incident") else list(c.get("incidents", []))
        records.append({
            "key": c["id"], "kind": c["kind"], "incident": incidents[0] if len(incidents) == 1 else None,
            "incidents": incidents, "quotes": list(c.get("quotes", [])), "description": c["description"],
        })
    return records


def main(argv):
    facts_path = pathlib.Path(argv[1]) if len(argv) > 1 else FACTS
    out_path = pathlib.Path(argv[2]) if len(argv) > 2 else OUT
    facts = json.loads(facts_path.read_text(encoding="utf-8"))
    seed_to_source = {s["seed"]: s["id"] for s in facts["sources"]}
    data = {
        "sources": source_records(facts),
        "actors": actor_records(facts, seed_to_source),
        "incidents": incident_records(facts, seed_to_source),
        "quotes": quote_records(facts, seed_to_source),
        "contradictions": contradiction_records(facts),
    }
    for name in data:
        data[name].sort(key=lambda record: record["key"])
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print("%s: %s" % (out_path, ", ".join("%d %s" % (len(v), k) for k, v in data.items())))


if __name__ == "__main__":
    main(sys.argv)
